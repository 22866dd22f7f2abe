package dev.lakegate.server.payload;

/** Opens an endpoint's inference table for writing, creating it if missing: what enabling one through the admin API needs. */
@FunctionalInterface
public interface TableOpener {

    /** @throws IllegalArgumentException the table cannot be written; the message names the endpoint, the table and the fix */
    void open(String endpointName, InferenceTable table);
}
