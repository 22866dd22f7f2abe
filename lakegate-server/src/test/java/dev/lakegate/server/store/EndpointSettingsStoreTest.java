package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Endpoint ai-gateway settings documents (V6), the same on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class EndpointSettingsStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    @Parameter
    TestDatabase backend;

    @TempDir
    Path dir;

    private StoreDatabase database;
    private ControlPlane store;

    @BeforeEach
    void open() {
        database = StoreDatabase.open(backend.fresh(dir), dir);
        store = ControlPlane.on(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void putReplacesDeleteForgetsAndEachChangeMovesTheVersion() {
        EndpointSettingsStore settings = store.endpointSettings();
        long v0 = store.version();
        settings.put("claude", "{\"rate_limits\":[]}", T0);
        long v1 = store.version();
        settings.put("claude", "{\"fallback_config\":{\"enabled\":true}}", T0.plusSeconds(1));
        settings.put("Claude", "{}", T0);
        long v2 = store.version();
        assertThat(settings.all()).as("replaced; names are case-sensitive, as agents send them")
                .isEqualTo(Map.of("claude", "{\"fallback_config\":{\"enabled\":true}}", "Claude", "{}"));

        assertThat(settings.delete("claude")).isTrue();
        long v3 = store.version();
        assertThat(settings.delete("claude")).isFalse();
        assertThat(settings.all()).containsOnlyKeys("Claude");
        assertThat(new long[] {v0, v1, v2, v3}).isSorted().doesNotHaveDuplicates();
    }
}
