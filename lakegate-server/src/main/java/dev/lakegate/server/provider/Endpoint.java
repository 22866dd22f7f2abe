package dev.lakegate.server.provider;

import dev.lakegate.server.payload.InferenceTable;
import dev.lakegate.server.governance.AccessControl;
import dev.lakegate.server.governance.GovernedEndpoint;
import java.util.List;

/**
 * An endpoint at run time: the name agents send as {@code model}, its aliases, its destinations,
 * whether its requests are recorded in the usage table, its inference table, and its configured permissions.
 *
 * @param inferenceTable where sampled requests and answers are recorded; null when it has none
 */
public record Endpoint(String name, List<String> aliases, List<Destination> destinations, boolean usageTracking,
        InferenceTable inferenceTable, List<AccessControl> permissions) implements GovernedEndpoint {

    public Endpoint {
        aliases = List.copyOf(aliases);
        destinations = List.copyOf(destinations);
        permissions = List.copyOf(permissions);
    }
}
