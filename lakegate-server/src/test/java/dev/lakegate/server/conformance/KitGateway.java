package dev.lakegate.server.conformance;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.ScriptedUpstream;
import dev.lakegate.server.testing.TestGateway;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The kit's gateway: {@link TestGateway} plus four scripted providers each speaking one protocol
 * ({@code protocols: [<one>]}, all served by the one built-in scripted model) and one endpoint per
 * provider, so each client protocol can be paired with each upstream protocol.
 */
final class KitGateway implements AutoCloseable {
    /** The destinations' first-byte timeout; the timeout case scripts a delay twice as long. */
    static final long TIMEOUT_MS = 1500;

    private final TestGateway gateway;

    private KitGateway(TestGateway gateway) {
        this.gateway = gateway;
    }

    static KitGateway start() throws Exception {
        StringBuilder providers = new StringBuilder();
        StringBuilder endpoints = new StringBuilder();
        for (WireProtocol p : WireProtocol.values()) {
            providers.append("  - {name: %s, type: scripted, protocols: [%s]}\n".formatted(Pair.provider(p), p.id()));
            endpoints.append("  - {name: %s, destinations: [{provider: %s, model: %s, timeout_ms: %d}]}\n"
                    .formatted(Pair.endpoint(p), Pair.provider(p), Pair.upstreamModel(p), TIMEOUT_MS));
        }
        return new KitGateway(TestGateway.start("", endpoints.toString(), providers.toString()));
    }

    ScriptedUpstream scripted() {
        return gateway.scripted();
    }

    /** The raw answer to one client call. */
    record Reply(int status, String contentType, String retryAfter, String requestId, byte[] body) {}

    Reply post(String pathAndQuery, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = gateway.request(pathAndQuery, gateway.adminToken(), "application/json")
                .header("user-agent", "lakegate-conformance-kit")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = gateway.sendBytes(request);
        return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
                response.headers().firstValue("retry-after").orElse(null), response.headers().firstValue("x-request-id").orElse(null),
                response.body());
    }

    /** The record of the request answered with {@code x-request-id: requestId} (records arrive off the request thread). */
    RequestRecord record(String requestId) throws InterruptedException {
        return gateway.awaitRecord(requestId);
    }

    @Override
    public void close() throws Exception {
        gateway.close();
    }
}
