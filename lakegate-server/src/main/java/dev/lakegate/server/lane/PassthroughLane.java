package dev.lakegate.server.lane;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.scan.RequestScan;
import dev.lakegate.protocol.sse.SseEventGate;
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
 * and credentials swapped, and the answer comes back byte for byte as it arrives (a stream whole
 * events at a time), each read flushed, while a tap reads its usage. A client that goes away cancels the upstream call.
 */
public final class PassthroughLane implements Lane {
    /** The most one read hands on: a unary answer of known length gets its length, anything else this. */
    private static final int CHUNK = 16 * 1024;
    /** A stream's read buffer: events come a few hundred bytes at a time, and a thousand open streams each hold one. */
    private static final int STREAM_CHUNK = 4 * 1024;
    /** The longest unfinished event held back whole; a longer one (a big tool call in one event) passes as it comes. */
    private static final int MAX_HELD_EVENT = 1024 * 1024;
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
                throw UpstreamReads.error(exchange, "sent a malformed JSON answer");
            }
        } finally {
            Usage reported = tap.finish();
            // Only a generated answer costs tokens; an error, a token count or a model list costs none.
            boolean generated = response.status() < 400 && exchange.route().operation().kind() == Operation.Kind.GENERATE;
            exchange.usage(generated ? TokenEstimate.settle(reported, complete, exchange.body(), tap.answerCharacters()) : reported);
            exchange.streamEventsSent(tap.eventsSeen());
        }
    }

    /**
     * Copies the upstream body to the agent; a broken upstream becomes a gateway error the handler ends the stream with.
     * A successful event stream goes through whole events only ({@link SseEventGate}), so that error is an event the
     * agent can read; an event cut short or not JSON ends the stream with it too.
     */
    private static void relay(Exchange exchange, UpstreamResponse response, ClientChannel client, UsageTap tap) throws IOException {
        InputStream in = response.body();
        // A unary answer of known length needs no more room than that.
        long length = response.headers().firstValueAsLong("content-length").orElse(exchange.streaming() ? STREAM_CHUNK : CHUNK);
        byte[] buffer = new byte[(int) Math.clamp(length, 1, CHUNK)];
        SseEventGate events = exchange.streaming() && exchange.responseFraming() == Framing.SSE && response.status() < 300
                ? new SseEventGate(MAX_HELD_EVENT) : null;
        while (true) {
            int n = UpstreamReads.read(exchange, in, buffer);
            if (n < 0) {
                if (events != null && events.midEvent()) {
                    throw UpstreamReads.error(exchange, "ended the stream inside an event");
                }
                return;
            }
            tap.onBytes(buffer, 0, n);
            // A failed write means the agent went away; it propagates, and closing the upstream response cancels the call.
            if (events == null) {
                client.write(buffer, 0, n);
            } else {
                events.feed(buffer, 0, n, client::write);
                if (events.malformed()) {
                    throw UpstreamReads.error(exchange, "sent a stream event that is not JSON");
                }
            }
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
