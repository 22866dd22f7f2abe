package dev.lakegate.server.config;

import dev.lakegate.lake.catalog.Locations;
import dev.lakegate.lake.wal.WalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the gateway writes its tables (OTLP and usage rows) through the write-ahead log.
 *
 * @param commitIntervalMs rows acknowledged to a client are visible to SQL within about this long
 * @param maxUncommittedBytes per table: log bytes not yet committed to Delta before writers are
 *     refused with back-pressure (OTLP answers 503 with {@code Retry-After})
 * @param managedLocation where managed tables are created (a folder or a Hadoop filesystem URI such as
 *     {@code s3a://bucket/lakegate}); null: {@code <data dir>/lake}. Gateways sharing one control plane
 *     must share it too, or each table is reachable only from the host that created it
 * @param externalLocations the folders (or URIs) inside which external tables ({@code LOCATION}) may be placed;
 *     null: admins may place them anywhere the gateway can write, and no one else may create them
 */
public record LakeConfig(Long commitIntervalMs, Long maxUncommittedBytes, String managedLocation, List<String> externalLocations) {

    public LakeConfig {
        commitIntervalMs = commitIntervalMs == null ? WalOptions.DEFAULTS.flushInterval().toMillis() : commitIntervalMs;
        maxUncommittedBytes = maxUncommittedBytes == null ? WalOptions.DEFAULTS.maxUncommittedBytes() : maxUncommittedBytes;
        if (commitIntervalMs < 0) {
            throw new IllegalArgumentException("lake.commit_interval_ms must not be negative");
        }
        if (maxUncommittedBytes <= 0) {
            throw new IllegalArgumentException("lake.max_uncommitted_bytes must be positive");
        }
        if (managedLocation != null && managedLocation.isBlank()) {
            throw new IllegalArgumentException("lake.managed_location must not be blank: leave it out for <data dir>/lake");
        }
        if (externalLocations != null) {
            for (String location : externalLocations) {
                Locations.problem(location == null ? "" : location).ifPresent(problem -> {
                    throw new IllegalArgumentException("lake.external_locations: " + problem);
                });
            }
            externalLocations = List.copyOf(externalLocations);
        }
    }

    public LakeConfig(Long commitIntervalMs, Long maxUncommittedBytes) {
        this(commitIntervalMs, maxUncommittedBytes, null, null);
    }

    /** Where managed tables go for a gateway with this data folder. */
    public String managedRoot(Path dataDir) {
        return managedLocation != null ? managedLocation : dataDir.resolve("lake").toAbsolutePath().toString();
    }

    public WalOptions walOptions() {
        return WalOptions.DEFAULTS.withFlushInterval(Duration.ofMillis(commitIntervalMs))
                .withMaxUncommitted(maxUncommittedBytes, WalOptions.DEFAULTS.maxUncommittedRows());
    }
}
