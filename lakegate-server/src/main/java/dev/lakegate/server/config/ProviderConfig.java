package dev.lakegate.server.config;

import dev.lakegate.protocol.WireProtocol;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An upstream provider as configured (SPEC §2). The credential is named, never written here:
 * {@code apiKeyEnv} is the environment variable that holds it.
 *
 * @param baseUrl API root; defaults to the vendor's public one
 * @param headers extra headers sent with every upstream request
 * @param connectTimeoutMs time allowed to open a connection
 * @param firstByteTimeoutMs time allowed until the upstream's response headers arrive
 * @param streamIdleTimeoutMs time allowed between two reads of the answer's body (a stalled stream ends with an error)
 * @param anthropicBetas when set, the only {@code anthropic-beta} values passed to this provider (others are
 *     dropped: an upstream refuses a request naming a beta it does not know)
 * @param protocols the wire protocols this provider speaks, when not its type's default (e.g. a vLLM
 *     server that also serves the Responses API, or a scripted model limited to one protocol)
 */
public record ProviderConfig(String name, ProviderType type, String baseUrl, String apiKeyEnv, Map<String, String> headers,
        Long connectTimeoutMs, Long firstByteTimeoutMs, Long streamIdleTimeoutMs, List<WireProtocol> protocols, List<String> anthropicBetas) {

    public ProviderConfig(String name, ProviderType type, String baseUrl, String apiKeyEnv) {
        this(name, type, baseUrl, apiKeyEnv, null, null, null, null, null, null);
    }

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        connectTimeoutMs = connectTimeoutMs == null ? 10_000L : connectTimeoutMs;
        firstByteTimeoutMs = firstByteTimeoutMs == null ? 300_000L : firstByteTimeoutMs;
        streamIdleTimeoutMs = streamIdleTimeoutMs == null ? 300_000L : streamIdleTimeoutMs;
        if (connectTimeoutMs <= 0 || firstByteTimeoutMs <= 0 || streamIdleTimeoutMs <= 0) {
            throw new IllegalArgumentException("provider " + name + ": connect_timeout_ms, first_byte_timeout_ms and stream_idle_timeout_ms must be positive");
        }
        protocols = protocols == null || protocols.isEmpty() ? null : List.copyOf(protocols);
        anthropicBetas = anthropicBetas == null ? null : List.copyOf(anthropicBetas);
    }

    /** The protocols spoken: as configured, else the type's. */
    public Set<WireProtocol> spokenProtocols() {
        return protocols == null ? type.protocols() : Set.copyOf(protocols);
    }
}
