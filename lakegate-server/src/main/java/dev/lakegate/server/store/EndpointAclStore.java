package dev.lakegate.server.store;

import dev.lakegate.server.governance.AccessControl;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Endpoint access control lists set through the API. An endpoint that has none here uses its
 * configured permissions; one that has one, even empty, uses only that.
 */
public interface EndpointAclStore {

    /** Every stored ACL: endpoint → entries with the grantees' current names; grantees that no longer exist are left out. */
    Map<String, List<AccessControl>> all();

    /** Sets the endpoint's ACL to exactly {@code entries}. */
    void replace(String endpoint, Collection<AclEntry> entries, Instant at);

    /** Adds {@code entries}; an endpoint whose ACL was never set first gets {@code whenUnset} (its configured ACL). */
    void add(String endpoint, Collection<AclEntry> whenUnset, Collection<AclEntry> entries, Instant at);
}
