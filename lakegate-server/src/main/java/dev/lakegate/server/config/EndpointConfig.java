package dev.lakegate.server.config;

import java.util.List;

/** An endpoint: the model name agents ask for, and the destinations behind it. */
public record EndpointConfig(String name, List<DestinationConfig> destinations) {

    public EndpointConfig {
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }
}
