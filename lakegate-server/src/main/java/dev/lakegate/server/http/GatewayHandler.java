package dev.lakegate.server.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.ErrorRenderer;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.error.RenderedError;
import dev.lakegate.protocol.scan.RequestScan;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.dashboard.DashboardHandler;
import dev.lakegate.server.observe.AgentDetector;
import dev.lakegate.server.observe.ListenerBus;
import dev.lakegate.server.observe.RequestClock;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.otel.OtlpReceiver;
import dev.lakegate.server.pipeline.Exchange;
import dev.lakegate.server.pipeline.Pipeline;
import dev.lakegate.server.surface.Operation;
import dev.lakegate.server.surface.Surface;
import dev.lakegate.server.surface.SurfaceRoute;
import dev.lakegate.server.surface.SurfaceRouter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP entry point: health and metrics, OTLP ingestion, the dashboard under {@code /ui} (where {@code /}
 * redirects), the JSON APIs under {@code /api/}, and the agent surfaces, whose requests run through the pipeline. Runs blocking on a virtual thread per request.
 * Every answer carries {@code x-request-id}; every surface request ends in one {@link RequestRecord}.
 */
public final class GatewayHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    private final Pipeline pipeline;
    private final ApiDispatcher api;
    private final OtlpReceiver otlp;
    private final ListenerBus listeners;
    private final Supplier<String> metrics;
    private final BooleanSupplier ready;
    private final long maxRequestBytes;
    private final Clock clock;
    private final DashboardHandler dashboard;

    public GatewayHandler(Pipeline pipeline, ApiDispatcher api, DashboardHandler dashboard, OtlpReceiver otlp, ListenerBus listeners,
            Supplier<String> metrics, BooleanSupplier ready, long maxRequestBytes, Clock clock) {
        this.pipeline = pipeline;
        this.api = api;
        this.dashboard = dashboard;
        this.otlp = otlp;
        this.listeners = listeners;
        this.metrics = metrics;
        this.ready = ready;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String requestId = RequestIds.next();
        response.getHeaders().put(RequestIds.HEADER, requestId);
        String path = request.getHttpURI().getCanonicalPath();
        String method = request.getMethod();
        switch (path) {
            case "/healthz" -> plain(response, callback, 200, "application/json", "{\"status\":\"ok\"}");
            case "/readyz" -> plain(response, callback, ready.getAsBoolean() ? 200 : 503, "application/json",
                    ready.getAsBoolean() ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\"}");
            case "/metrics" -> plain(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
            default -> route(request, response, callback, requestId, path, method);
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback, String requestId, String path, String method) throws Exception {
        if (path.startsWith(OtlpReceiver.PREFIX)) {
            serveOtlp(request, response, callback, path, method);
            return;
        }
        if (path.equals("/")) {
            response.setStatus(302);
            response.getHeaders().put(HttpHeader.LOCATION, "/ui/");
            callback.succeeded();
            return;
        }
        if (path.startsWith("/ui")) {
            dashboard.handle(request, response, callback, path);
            return;
        }
        if (path.startsWith("/api/")) {
            api.handle(request, response, callback, path);
            return;
        }
        Optional<Surface> surface = SurfaceRouter.surfaceOf(path);
        if (surface.isEmpty()) {
            plain(response, callback, 404, "application/json", "{\"error\":{\"message\":\"No such route: " + jsonEscape(path)
                    + ". Agent surfaces live under /anthropic, /openai/v1, /codex/v1, /cursor/v1 and /gemini\"}}");
            return;
        }
        if (method.equals("HEAD")) {
            // Claude Code pre-warms its connection with an unauthenticated HEAD on the base URL.
            plain(response, callback, 200, null, "");
            return;
        }
        serveSurface(request, response, callback, requestId, surface.get(), path, method);
    }

    private void serveOtlp(Request request, Response response, Callback callback, String path, String method) {
        OtlpReceiver.Answer answer;
        boolean[] bodyRead = {false};
        try {
            answer = otlp.receive(path, method, Headers.lowerCased(request.getHeaders()), limit -> {
                bodyRead[0] = true;
                return RequestBodies.read(request, limit);
            });
        } catch (IOException e) {
            callback.failed(e); // the exporter went away while sending
            return;
        }
        if (!bodyRead[0] && request.getLength() != 0) {
            // Refused before its body was read (no token, no table, no permission): Jetty closes the connection after
            // the answer rather than read the body, and an exporter that reused the connection for its next export
            // would find it closed mid-request. Saying so in the answer keeps the exporter from reusing it.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        answer.retryAfterSeconds().ifPresent(seconds -> response.getHeaders().put(HttpHeader.RETRY_AFTER, seconds));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    private void serveSurface(Request request, Response response, Callback callback, String requestId, Surface surface, String path,
            String method) {
        long start = System.nanoTime();
        Instant receivedAt = clock.instant();
        Map<String, String> headers = Headers.lowerCased(request.getHeaders());
        Map<String, String> query = Headers.query(request);
        RequestClock clock = new RequestClock(start);
        JettyClientChannel client = new JettyClientChannel(response, clock);
        SurfaceRoute route = null;
        Exchange exchange = null;
        GatewayError error = null;
        boolean disconnected = false;
        Map<String, String> tags = Map.of();
        try {
            route = SurfaceRouter.match(method, path, query.get("alt"), Headers.isWebSocketUpgrade(headers)).orElseThrow();
            tags = RequestTags.parse(headers);
            byte[] body = new byte[0];
            RequestScan scan = null;
            if (route.operation() != Operation.LIST_MODELS) {
                requireJson(headers.get("content-type"));
                body = RequestBodies.read(request, maxRequestBytes);
                scan = RequestScan.of(body);
            }
            exchange = new Exchange(requestId, receivedAt, clock, route, headers, query, Request.getRemoteAddr(request), body, scan, client);
            if (!exchange.streaming()) {
                client.holdUntilFinished();
            }
            pipeline.run(exchange);
        } catch (GatewayException e) {
            error = e.error();
        } catch (IOException e) {
            disconnected = true;
        } catch (Exception e) {
            LOG.error("request {} failed unexpectedly", requestId, e);
            error = GatewayError.of(ErrorCategory.INTERNAL, "Lakegate failed to process the request (request id " + requestId + ")");
        }
        WireProtocol errorProtocol = route != null ? route.errorProtocol() : surface.errorProtocol();
        if (error != null && !disconnected) {
            disconnected = !sendError(client, error, errorProtocol, route, exchange, requestId);
        }
        if (!disconnected) {
            try {
                client.finish();
            } catch (IOException e) {
                disconnected = true;
            }
        }
        publish(exchange, route, surface, requestId, receivedAt, clock, headers, request, tags, client, error, disconnected);
        if (disconnected) {
            callback.failed(new IOException("client went away"));
        } else {
            callback.succeeded();
        }
    }

    /** Renders the error as a whole answer, or in-stream when the answer already started; false when the connection must be aborted. */
    private static boolean sendError(JettyClientChannel client, GatewayError error, WireProtocol protocol,
            SurfaceRoute route, Exchange exchange, String requestId) {
        try {
            if (client.started() && !client.discardHeld()) {
                Framing framing = route.geminiFraming() != null ? route.geminiFraming()
                        : exchange != null && exchange.streaming() ? Framing.SSE : Framing.JSON;
                if (framing == Framing.JSON) {
                    return false; // a unary body cannot carry an error once begun: abort, so the agent sees a broken answer, not a short one
                }
                client.write(ErrorRenderer.renderInStream(protocol, framing, error, requestId, exchange == null ? 0 : exchange.streamEventsSent()));
                return true;
            }
            RenderedError rendered = ErrorRenderer.render(protocol, error, requestId);
            Map<String, String> headers = new LinkedHashMap<>(rendered.headers());
            headers.put(HttpHeader.CONTENT_TYPE.asString(), rendered.contentType());
            headers.put(HttpHeader.CONTENT_LENGTH.asString(), Integer.toString(rendered.body().length));
            client.start(rendered.status(), headers);
            client.write(rendered.body()); // through the channel, so the usage row has its time to first byte
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void publish(Exchange exchange, SurfaceRoute route, Surface surface, String requestId, Instant receivedAt, RequestClock clock,
            Map<String, String> headers, Request request, Map<String, String> tags, JettyClientChannel client, GatewayError error,
            boolean disconnected) {
        long end = System.nanoTime();
        long start = clock.startNanos();
        var caller = exchange == null ? null : exchange.caller();
        var destination = exchange == null ? null : exchange.destination();
        var endpoint = exchange == null ? null : exchange.endpoint();
        Usage usage = exchange == null ? Usage.NONE : exchange.usage();
        // 499 (nginx's "client closed request"): the agent went away before any answer was sent
        int status = client.started() ? client.status() : error != null ? error.status() : disconnected ? 499 : 200;
        listeners.publish(new RequestRecord(requestId, receivedAt,
                exchange == null ? null : exchange.requestedModel(),
                destination == null ? null : destination.provider().name(),
                destination == null ? null : destination.model(),
                route != null ? route.apiType() : surface.prefix(),
                caller == null ? null : caller.principal().name(),
                caller == null ? null : caller.principal().type().name(),
                caller == null ? null : caller.tokenId(),
                AgentDetector.detect(surface, headers),
                headers.get("user-agent"),
                Request.getRemoteAddr(request),
                tags,
                exchange != null && exchange.streaming(),
                status,
                error != null ? error.category().name()
                        : exchange != null && exchange.upstreamFailure() != null ? exchange.upstreamFailure()
                        : disconnected ? "CLIENT_DISCONNECTED" : null,
                usage,
                exchange == null ? null : exchange.costUsd(),
                (end - start) / 1_000_000,
                client.firstByteNanos() == 0 ? null : (client.firstByteNanos() - start) / 1_000_000,
                clock.overheadNanos() / 1_000,
                disconnected,
                exchange == null ? List.of() : exchange.attempts(),
                endpoint == null || endpoint.settings().usageTracking(),
                exchange == null ? null : exchange.payload()));
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            return;
        }
        String mime = MimeTypes.getContentTypeWithoutCharset(contentType).trim();
        if (!mime.equalsIgnoreCase("application/json") && !mime.toLowerCase(Locale.ROOT).endsWith("+json")) {
            throw new GatewayException(ErrorCategory.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type '" + contentType + "' is not supported: send the request as application/json");
        }
    }

    private static void plain(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    static String jsonEscape(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
