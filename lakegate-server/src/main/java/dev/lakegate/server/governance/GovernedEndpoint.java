package dev.lakegate.server.governance;

import java.util.List;

/** What permission checks need to know of a serving endpoint: its name and its configured ACL. */
public interface GovernedEndpoint {

    String name();

    /** The ACL from configuration ({@link AccessControl#DEFAULT} unless set), used until one is set through the API. */
    List<AccessControl> permissions();
}
