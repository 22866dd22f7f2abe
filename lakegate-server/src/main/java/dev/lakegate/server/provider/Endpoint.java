package dev.lakegate.server.provider;

import dev.lakegate.server.governance.AccessControl;
import dev.lakegate.server.governance.GovernedEndpoint;
import java.util.List;

/**
 * An endpoint at run time: the name agents send as {@code model}, its aliases, its destinations, its configured
 * permissions and its ai-gateway settings in force.
 */
public record Endpoint(String name, List<String> aliases, List<Destination> destinations, List<AccessControl> permissions,
        EndpointSettings settings) implements GovernedEndpoint {

    public Endpoint {
        aliases = List.copyOf(aliases);
        destinations = List.copyOf(destinations);
        permissions = List.copyOf(permissions);
    }

    public Endpoint withSettings(EndpointSettings newSettings) {
        return new Endpoint(name, aliases, destinations, permissions, newSettings);
    }
}
