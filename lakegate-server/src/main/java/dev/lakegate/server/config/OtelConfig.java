package dev.lakegate.server.config;

/**
 * The OTLP receiver (SPEC §5).
 *
 * @param maxBodyBytes largest export request once inflated (gzip bodies are inflated up to this and
 *     refused with 413 beyond it); the bytes on the wire are bounded by {@code server.max_request_bytes}
 */
public record OtelConfig(Long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    public OtelConfig {
        maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("otel.max_body_bytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
    }
}
