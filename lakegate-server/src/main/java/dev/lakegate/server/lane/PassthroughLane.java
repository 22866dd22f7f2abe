package dev.lakegate.server.lane;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.scan.RequestScan;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.protocol.usage.UsageTap;
import dev.lakegate.protocol.usage.UsageTaps;
import dev.lakegate.server.http.ClientChannel;
import dev.lakegate.server.pipeline.Exchange;
import dev.lakegate.server.provider.Destination;
import dev.lakegate.server.provider.Provider;
import dev.lakegate.server.provider.UpstreamClient;
import dev.lakegate.server.provider.UpstreamResponse;
import dev.lakegate.server.surface.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Client and upstream speak the same protocol: the body goes up with only the model name changed
 * and credentials swapped, and the answer comes back byte for byte as it arrives, each chunk
 * flushed, while a tap reads its usage. A client that goes away cancels the upstream call.
 */
public final class PassthroughLane implements Lane {
    /** The most one read hands on: a unary answer of known length gets its length, anything else this. */
    private static final int CHUNK = 16 * 1024;
    /** A stream's read buffer: events come a few hundred bytes at a time, and a thousand open streams each hold one. */
    private static final int STREAM_CHUNK = 4 * 1024;
    private final UpstreamClient upstream;

    public PassthroughLane(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    @Override
    public UpstreamResponse send(Exchange exchange, Destination destination) {
        Provider provider = destination.provider();
        Operation op = exchange.route().operation();
        WireProtocol protocol = op.protocol();
        URI uri = provider.uri(op, protocol, destination.model(), exchange.route().geminiApiVersion(), exchange.responseFraming(),
                clientQuery(exchange));
        Map<String, String> headers = HeaderPolicy.upstreamRequest(exchange.headers(), provider.authHeaders(protocol), provider.anthropicBetas());
        return upstream.send(provider, destination.firstByteTimeout(), uri, headers, upstreamBody(exchange, destination), exchange.clock());
    }

    @Override
    public void relay(Exchange exchange, UpstreamResponse response) throws IOException {
        ClientChannel client = exchange.client();
        client.start(response.status(), HeaderPolicy.clientResponse(response.headers()));
        UsageTap tap = UsageTaps.forResponse(exchange.route().operation().protocol(), exchange.responseFraming());
        boolean complete = false;
        try {
            relay(exchange, response, client, tap);
            complete = true;
            tap.finish(); // settles whether the body was well-formed (finish is idempotent: the usage is read again below)
            if (response.status() < 300 && tap.malformed()) {
                // A unary answer is still held: the agent gets this error instead of JSON it cannot parse.
                throw new GatewayException(GatewayError.of(ErrorCategory.UPSTREAM_ERROR,
                        "Upstream provider '" + exchange.destination().provider().name() + "' sent a malformed JSON answer"));
            }
        } finally {
            Usage reported = tap.finish();
            // Only a generated answer costs tokens; an error, a token count or a model list costs none.
            boolean generated = response.status() < 400 && exchange.route().operation().kind() == Operation.Kind.GENERATE;
            exchange.usage(generated ? TokenEstimate.settle(reported, complete, exchange.body(), tap.answerCharacters()) : reported);
            exchange.streamEventsSent(tap.eventsSeen());
        }
    }

    /** Copies the upstream body to the agent; a broken upstream becomes a gateway error the handler ends the stream with. */
    private static void relay(Exchange exchange, UpstreamResponse response, ClientChannel client, UsageTap tap) throws IOException {
        InputStream in = response.body();
        // A unary answer of known length needs no more room than that.
        long length = response.headers().firstValueAsLong("content-length").orElse(exchange.streaming() ? STREAM_CHUNK : CHUNK);
        byte[] buffer = new byte[(int) Math.clamp(length, 1, CHUNK)];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw new GatewayException(GatewayError.of(ErrorCategory.UPSTREAM_ERROR,
                        "Upstream provider '" + exchange.destination().provider().name() + "' broke off the response: " + e.getMessage()));
            }
            if (n < 0) {
                return;
            }
            tap.onBytes(buffer, 0, n);
            // A failed write means the agent went away; it propagates, and closing the upstream response cancels the call.
            client.write(buffer, 0, n);
        }
    }

    private static byte[] upstreamBody(Exchange exchange, Destination destination) {
        RequestScan scan = exchange.scan();
        if (scan == null || exchange.route().pathModel() != null) {
            return exchange.body(); // Gemini names the model in the URL, which is built for the destination
        }
        byte[] body = scan.withModel(exchange.body(), destination.model());
        if (exchange.route().operation() == Operation.CHAT_COMPLETIONS && scan.stream() && !scan.hasStreamOptions()) {
            // Chat streams carry usage only when asked to; without it every streamed request would be estimated.
            body = RequestScan.withIncludeUsage(body);
        }
        return body;
    }

    /** The agent's query string without its credential ({@code ?key=}); e.g. Claude Code's {@code beta=true}. */
    private static String clientQuery(Exchange exchange) {
        return exchange.query().entrySet().stream()
                .filter(e -> !e.getKey().equals("key"))
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
