package dev.lakegate.server.config;

import java.util.Map;

/**
 * An upstream provider as configured (SPEC §2). The credential is named, never written here:
 * {@code apiKeyEnv} is the environment variable that holds it.
 *
 * @param baseUrl API root; defaults to the vendor's public one
 * @param headers extra headers sent with every upstream request
 * @param connectTimeoutMs time allowed to open a connection
 * @param firstByteTimeoutMs time allowed until the upstream's response headers arrive
 */
public record ProviderConfig(String name, ProviderType type, String baseUrl, String apiKeyEnv, Map<String, String> headers,
        Long connectTimeoutMs, Long firstByteTimeoutMs) {

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        connectTimeoutMs = connectTimeoutMs == null ? 10_000L : connectTimeoutMs;
        firstByteTimeoutMs = firstByteTimeoutMs == null ? 300_000L : firstByteTimeoutMs;
    }
}
