package dev.lakegate.server.config;

import dev.lakegate.lake.wal.WalOptions;
import java.time.Duration;

/**
 * How the gateway writes its tables (OTLP and usage rows) through the write-ahead log.
 *
 * @param commitIntervalMs rows acknowledged to a client are visible to SQL within about this long
 * @param maxUncommittedBytes per table: log bytes not yet committed to Delta before writers are
 *     refused with back-pressure (OTLP answers 503 with {@code Retry-After})
 */
public record LakeConfig(Long commitIntervalMs, Long maxUncommittedBytes) {

    public LakeConfig {
        commitIntervalMs = commitIntervalMs == null ? WalOptions.DEFAULTS.flushInterval().toMillis() : commitIntervalMs;
        maxUncommittedBytes = maxUncommittedBytes == null ? WalOptions.DEFAULTS.maxUncommittedBytes() : maxUncommittedBytes;
        if (commitIntervalMs < 0) {
            throw new IllegalArgumentException("lake.commit_interval_ms must not be negative");
        }
        if (maxUncommittedBytes <= 0) {
            throw new IllegalArgumentException("lake.max_uncommitted_bytes must be positive");
        }
    }

    public WalOptions walOptions() {
        return WalOptions.DEFAULTS.withFlushInterval(Duration.ofMillis(commitIntervalMs))
                .withMaxUncommitted(maxUncommittedBytes, WalOptions.DEFAULTS.maxUncommittedRows());
    }
}
