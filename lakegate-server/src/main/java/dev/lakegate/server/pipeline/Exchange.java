package dev.lakegate.server.pipeline;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.scan.RequestScan;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.http.ClientChannel;
import dev.lakegate.server.observe.Attempt;
import dev.lakegate.server.observe.RequestClock;
import dev.lakegate.server.payload.PayloadCapture;
import dev.lakegate.server.provider.Destination;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.surface.SurfaceRoute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One agent request travelling through the pipeline: what arrived (immutable) and what the
 * interceptors learned about it (set once each, in pipeline order).
 */
public final class Exchange {
    private final String requestId;
    private final Instant receivedAt;
    private final RequestClock clock;
    private final SurfaceRoute route;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final String remoteAddress;
    private final byte[] body;
    private final RequestScan scan;
    private final ClientChannel client;

    private Caller caller;
    private Endpoint endpoint;
    private List<Destination> plan = List.of();
    private Destination destination;
    private final List<Attempt> attempts = new ArrayList<>(1);
    private Usage usage = Usage.NONE;
    private long streamEventsSent;
    private CanonicalRequest canonicalRequest;
    private String upstreamFailure;
    private PayloadCapture payload;

    /**
     * @param headers request headers, names lower-cased (repeated ones joined with commas)
     * @param scan the body's model and stream flag; null for operations without a JSON body of interest
     */
    public Exchange(String requestId, Instant receivedAt, RequestClock clock, SurfaceRoute route, Map<String, String> headers,
            Map<String, String> query, String remoteAddress, byte[] body, RequestScan scan, ClientChannel client) {
        this.requestId = requestId;
        this.receivedAt = receivedAt;
        this.clock = clock;
        this.route = route;
        this.headers = headers;
        this.query = query;
        this.remoteAddress = remoteAddress;
        this.body = body;
        this.scan = scan;
        this.client = client;
    }

    public String requestId() { return requestId; }
    public Instant receivedAt() { return receivedAt; }
    public long startNanos() { return clock.startNanos(); }
    /** Where the lanes count their waits on the upstream. */
    public RequestClock clock() { return clock; }
    public SurfaceRoute route() { return route; }
    public Map<String, String> headers() { return headers; }
    public String header(String lowerCaseName) { return headers.get(lowerCaseName); }
    public Map<String, String> query() { return query; }
    public String remoteAddress() { return remoteAddress; }
    public byte[] body() { return body; }
    public RequestScan scan() { return scan; }
    public ClientChannel client() { return client; }

    /** The endpoint name the agent asked for: from the URL (Gemini) or the body's {@code model}. */
    public String requestedModel() {
        return route.pathModel() != null ? route.pathModel() : scan == null ? null : scan.model();
    }

    /** Whether the agent asked for a streamed answer. */
    public boolean streaming() {
        return switch (route.operation()) {
            case STREAM_GENERATE_CONTENT -> true;
            case MESSAGES, CHAT_COMPLETIONS, RESPONSES -> scan != null && scan.stream();
            case MESSAGES_COUNT_TOKENS, GENERATE_CONTENT, COUNT_TOKENS, LIST_MODELS -> false;
        };
    }

    /** How the answer's body is framed: Gemini's choice of stream framing, else SSE for streams and JSON otherwise. */
    public Framing responseFraming() {
        if (route.geminiFraming() != null) {
            return route.geminiFraming();
        }
        return streaming() ? Framing.SSE : Framing.JSON;
    }

    public Caller caller() { return caller; }
    public void caller(Caller c) { caller = c; }
    public Endpoint endpoint() { return endpoint; }
    public void endpoint(Endpoint e) { endpoint = e; }
    /** Destinations to try, in order: the first, then its fallbacks. */
    public List<Destination> plan() { return plan; }
    public void plan(List<Destination> p) { plan = List.copyOf(p); }
    /** The destination being tried, or that served the answer. */
    public Destination destination() { return destination; }
    public void destination(Destination d) { destination = d; }
    public List<Attempt> attempts() { return List.copyOf(attempts); }
    /** The error category of an upstream error answer passed on to the agent as it was, else null. */
    public String upstreamFailure() { return upstreamFailure; }
    public void upstreamFailure(String category) { upstreamFailure = category; }
    /** The request in canonical form, decoded once by the translation lane (fallbacks reuse it). */
    public CanonicalRequest canonicalRequest() { return canonicalRequest; }
    public void canonicalRequest(CanonicalRequest r) { canonicalRequest = r; }
    public void attempt(Attempt a) { attempts.add(a); }
    public Usage usage() { return usage; }
    public void usage(Usage u) { usage = u; }
    /** The usage at the prices of the destination that answered, the usage row's {@code cost_usd}; null when none was reached or its prices are unknown. */
    public Double costUsd() { return destination == null || destination.pricing() == null ? null : destination.pricing().cost(usage); }
    /** Stream events relayed to the agent so far, so an in-stream error can continue their numbering. */
    public long streamEventsSent() { return streamEventsSent; }
    public void streamEventsSent(long n) { streamEventsSent = n; }
    /** The bytes exchanged, when the endpoint's inference table sampled this request; else null. */
    public PayloadCapture payload() { return payload; }
    public void payload(PayloadCapture p) { payload = p; }
}
