package dev.lakegate.server.governance;

import java.util.List;

/**
 * The access control list in force on an endpoint.
 *
 * @param source {@link SettingSource#API} once set through the API: then it replaces the configured one, even when empty
 */
public record EndpointAcl(String endpoint, SettingSource source, List<AccessControl> entries) {

    public EndpointAcl {
        entries = List.copyOf(entries);
    }
}
