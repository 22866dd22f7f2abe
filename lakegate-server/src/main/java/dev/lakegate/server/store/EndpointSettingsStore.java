package dev.lakegate.server.store;

import java.time.Instant;
import java.util.Map;

/**
 * Endpoint ai-gateway settings set through the API, one JSON document per endpoint (the API's shape). An endpoint
 * without one uses its configured settings; one with one uses only that.
 */
public interface EndpointSettingsStore {

    /** Every stored document by endpoint name. */
    Map<String, String> all();

    /** Stores the endpoint's settings, replacing any it had. */
    void put(String endpoint, String settings, Instant at);

    /** Forgets the endpoint's settings, so that its configured ones apply again; false when it had none. */
    boolean delete(String endpoint);
}
