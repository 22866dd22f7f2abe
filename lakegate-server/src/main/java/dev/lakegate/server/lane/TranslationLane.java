package dev.lakegate.server.lane;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ResponseReader;
import dev.lakegate.protocol.canonical.ResponseWriter;
import dev.lakegate.protocol.canonical.StreamDecoder;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.StreamOptions;
import dev.lakegate.protocol.canonical.UpstreamErrors;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.RequestCodec;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.http.ClientChannel;
import dev.lakegate.server.pipeline.Exchange;
import dev.lakegate.server.provider.Destination;
import dev.lakegate.server.provider.Provider;
import dev.lakegate.server.provider.UpstreamClient;
import dev.lakegate.server.provider.UpstreamResponse;
import dev.lakegate.server.surface.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Client and upstream speak different protocols: the request goes through the canonical model
 * (client codec decodes, upstream codec encodes), and the answer comes back through a per-request
 * stream translator (upstream decoder → canonical events → client encoder), event by event as they
 * arrive, or as one translated body for unary calls. Upstream errors are re-rendered in the
 * client's format by the handler.
 */
public final class TranslationLane implements Lane {
    private static final int CHUNK = 16 * 1024;
    /** Unary answers are held whole to be translated; anything larger is refused rather than buffered without end. */
    private static final int MAX_UNARY_BYTES = 64 * 1024 * 1024;
    private static final int MAX_ERROR_BYTES = 1024 * 1024;

    private final UpstreamClient upstream;

    public TranslationLane(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    /** The protocol to speak to a provider that does not speak the client's: Responses for OpenAI, else its own. */
    static WireProtocol targetProtocol(Provider provider) {
        for (WireProtocol preferred : new WireProtocol[] {WireProtocol.OPENAI_RESPONSES, WireProtocol.ANTHROPIC, WireProtocol.GEMINI,
                WireProtocol.OPENAI_CHAT}) {
            if (provider.speaks(preferred)) {
                return preferred;
            }
        }
        throw new IllegalStateException("provider " + provider.name() + " speaks no protocol");
    }

    @Override
    public UpstreamResponse send(Exchange exchange, Destination destination) {
        Provider provider = destination.provider();
        WireProtocol target = targetProtocol(provider);
        boolean stream = exchange.streaming();
        if (exchange.route().operation().kind() == Operation.Kind.COUNT_TOKENS) {
            return sendCount(exchange, destination, target);
        }
        CanonicalRequest request = canonicalRequest(exchange).withStream(stream);
        // A streamed Chat request asks for its usage chunk itself (ChatRequestWriter writes stream_options).
        byte[] body = RequestCodec.of(target).encode(request, destination.model());
        Operation op = switch (target) {
            case ANTHROPIC -> Operation.MESSAGES;
            case OPENAI_CHAT -> Operation.CHAT_COMPLETIONS;
            case OPENAI_RESPONSES -> Operation.RESPONSES;
            case GEMINI -> stream ? Operation.STREAM_GENERATE_CONTENT : Operation.GENERATE_CONTENT;
        };
        URI uri = provider.uri(op, target, destination.model(), null, stream ? Framing.SSE : Framing.JSON, null);
        return upstream.send(provider, destination.firstByteTimeout(), uri, upstreamHeaders(exchange, provider, target), body, exchange.clock());
    }

    private UpstreamResponse sendCount(Exchange exchange, Destination destination, WireProtocol target) {
        if (!CountTokens.upstreamCounts(target)) {
            long estimate = CountTokens.estimate(exchange.body()).tokens();
            return UpstreamResponse.local(Long.toString(estimate).getBytes(StandardCharsets.US_ASCII), CountTokens.ESTIMATE_HEADER);
        }
        Provider provider = destination.provider();
        byte[] body = CountTokens.upstreamBody(target, canonicalRequest(exchange), destination.model());
        Operation op = target == WireProtocol.ANTHROPIC ? Operation.MESSAGES_COUNT_TOKENS : Operation.COUNT_TOKENS;
        URI uri = provider.uri(op, target, destination.model(), null, Framing.JSON, null);
        return upstream.send(provider, destination.firstByteTimeout(), uri, upstreamHeaders(exchange, provider, target), body, exchange.clock());
    }

    @Override
    public void relay(Exchange exchange, UpstreamResponse response) throws IOException {
        WireProtocol target = targetProtocol(exchange.destination().provider());
        if (response.status() >= 400) {
            byte[] error = UpstreamReads.readAtMost(exchange, response.body(), MAX_ERROR_BYTES);
            throw new GatewayException(UpstreamErrors.read(target, response.status(), error,
                    response.headers().firstValue("retry-after").orElse(null)));
        }
        WireProtocol client = exchange.route().operation().protocol();
        if (exchange.route().operation().kind() == Operation.Kind.COUNT_TOKENS) {
            CountTokens.Count count = CountTokens.read(target, response, UpstreamReads.readAtMost(exchange, response.body(), MAX_ERROR_BYTES));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/json");
            if (count.estimated()) {
                headers.put(CountTokens.ESTIMATE_HEADER, "true");
            }
            exchange.client().start(200, headers);
            exchange.client().write(CountTokens.render(client, count));
            return;
        }
        if (exchange.streaming()) {
            relayStream(exchange, response.body(), target, client);
        } else {
            byte[] body = UpstreamReads.readAtMost(exchange, response.body(), MAX_UNARY_BYTES + 1);
            if (body.length > MAX_UNARY_BYTES) {
                throw UpstreamReads.error(exchange, "sent an answer over " + MAX_UNARY_BYTES + " bytes");
            }
            CanonicalResponse answer = ResponseReader.of(target).unary(body);
            exchange.usage(TokenEstimate.settle(answer.usage(), true, exchange.body(), StreamEvents.characters(answer)));
            byte[] translated = ResponseWriter.of(client).unary(answer);
            exchange.client().start(200, Map.of("content-type", "application/json"));
            exchange.client().write(translated);
        }
    }

    private static void relayStream(Exchange exchange, InputStream in, WireProtocol target, WireProtocol client) throws IOException {
        Framing clientFraming = exchange.responseFraming();
        StreamEncoder encoder = ResponseWriter.of(client).stream(new StreamOptions(clientFraming, includeUsage(exchange)));
        ClientChannel out = exchange.client();
        out.start(200, Map.of("content-type", encoder.contentType()));
        long[] events = {0};
        long[] answerCharacters = {0};
        Usage[] reported = {Usage.NONE}; // the prompt's counts from the start event, then the final ones
        StreamDecoder decoder = ResponseReader.of(target).stream(Framing.SSE, event -> {
            if (event instanceof StreamEvent.Start start) {
                reported[0] = start.usage();
            }
            for (byte[] chunk : encoder.encode(event)) {
                try {
                    out.write(chunk);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                events[0]++;
            }
            answerCharacters[0] += StreamEvents.characters(event); // counted once relayed: what the agent received
        });
        byte[] buffer = new byte[CHUNK];
        boolean complete = false;
        try {
            while (true) {
                int n = UpstreamReads.read(exchange, in, buffer);
                if (n < 0) {
                    break;
                }
                decoder.feed(buffer, 0, n);
            }
            reported[0] = decoder.finish().usage();
            complete = true;
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the agent went away: closing the upstream response cancels the call
        } finally {
            exchange.streamEventsSent(events[0]);
            exchange.usage(TokenEstimate.settle(reported[0], complete, exchange.body(), answerCharacters[0]));
        }
    }

    /** Chat clients get the usage chunk only when they asked for it, as OpenAI does. */
    private static boolean includeUsage(Exchange exchange) {
        return exchange.route().operation() != Operation.CHAT_COMPLETIONS || exchange.scan().includeUsage();
    }

    private static CanonicalRequest canonicalRequest(Exchange exchange) {
        CanonicalRequest request = exchange.canonicalRequest();
        if (request == null) {
            request = RequestCodec.of(exchange.route().operation().protocol()).decode(exchange.body());
            exchange.canonicalRequest(request);
        }
        return request;
    }

    /** Only what the upstream's protocol understands: the agent's vendor headers (betas, versions) mean nothing there. */
    private static Map<String, String> upstreamHeaders(Exchange exchange, Provider provider, WireProtocol target) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", exchange.streaming() ? "text/event-stream" : "application/json");
        headers.put("accept-encoding", "identity");
        String userAgent = exchange.header("user-agent");
        if (userAgent != null) {
            headers.put("user-agent", userAgent);
        }
        if (target == WireProtocol.ANTHROPIC) {
            headers.put("anthropic-version", "2023-06-01");
        }
        headers.putAll(provider.authHeaders(target));
        return headers;
    }
}
