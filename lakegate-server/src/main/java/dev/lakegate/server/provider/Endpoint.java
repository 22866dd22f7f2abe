package dev.lakegate.server.provider;

import java.util.List;

/** An endpoint at run time: the name agents send as {@code model}, and its destinations. */
public record Endpoint(String name, List<Destination> destinations) {

    public Endpoint {
        destinations = List.copyOf(destinations);
    }
}
