package dev.lakegate.server.provider;

import java.util.List;

/** An endpoint at run time: the name agents send as {@code model}, its aliases, and its destinations. */
public record Endpoint(String name, List<String> aliases, List<Destination> destinations) {

    public Endpoint {
        aliases = List.copyOf(aliases);
        destinations = List.copyOf(destinations);
    }
}
