package dev.lakegate.server.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link EndpointSettingsStore} in portable SQL. */
final class SqlEndpointSettingsStore implements EndpointSettingsStore {
    private final Db db;

    SqlEndpointSettingsStore(Db db) {
        this.db = db;
    }

    @Override
    public Map<String, String> all() {
        return db.read(h -> {
            Map<String, String> all = new HashMap<>();
            h.createQuery("SELECT endpoint, settings FROM endpoint_settings")
                    .map((rs, ctx) -> Map.entry(rs.getString("endpoint"), rs.getString("settings")))
                    .forEach(e -> all.put(e.getKey(), e.getValue()));
            return all;
        });
    }

    @Override
    public void put(String endpoint, String settings, Instant at) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO endpoint_settings (endpoint, settings, updated_at) VALUES (:endpoint, :settings, :at)
                        ON CONFLICT (endpoint) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at""")
                .bind("endpoint", endpoint).bind("settings", settings).bind("at", at.toEpochMilli()).execute());
    }

    @Override
    public boolean delete(String endpoint) {
        return db.write(h -> h.createUpdate("DELETE FROM endpoint_settings WHERE endpoint = :endpoint").bind("endpoint", endpoint).execute() == 1);
    }
}
