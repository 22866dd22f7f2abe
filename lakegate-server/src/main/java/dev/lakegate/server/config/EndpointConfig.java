package dev.lakegate.server.config;

import java.util.List;

/**
 * An endpoint: the model name agents ask for, other names that reach it, and its destinations.
 *
 * @param aliases more names for this endpoint; a {@code *} matches any run of characters, e.g.
 *     {@code claude-haiku-*} for the dated small-fast model names Claude Code sends
 */
public record EndpointConfig(String name, List<String> aliases, List<DestinationConfig> destinations) {

    public EndpointConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }

    public EndpointConfig(String name, List<DestinationConfig> destinations) {
        this(name, List.of(), destinations);
    }
}
