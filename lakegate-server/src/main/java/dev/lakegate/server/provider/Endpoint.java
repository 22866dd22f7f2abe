package dev.lakegate.server.provider;

import java.util.List;

/**
 * An endpoint at run time: the name agents send as {@code model}, its aliases, its destinations, and
 * whether its requests are recorded in the usage table.
 */
public record Endpoint(String name, List<String> aliases, List<Destination> destinations, boolean usageTracking) {

    public Endpoint {
        aliases = List.copyOf(aliases);
        destinations = List.copyOf(destinations);
    }
}
