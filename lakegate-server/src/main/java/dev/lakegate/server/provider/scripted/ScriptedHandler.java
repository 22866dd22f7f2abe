package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The scripted model's HTTP front: its control routes under {@code /__scripted/}, and every other
 * request recorded, then answered by the {@link Responder}. Runs blocking on virtual threads.
 */
final class ScriptedHandler extends Handler.Abstract {
    private final RequestLog log;
    private final ScriptQueue queue;
    private final Responder responder;

    ScriptedHandler(RequestLog log, ScriptQueue queue, Responder responder) {
        super(InvocationType.BLOCKING);
        this.log = log;
        this.queue = queue;
        this.responder = responder;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        HttpOut out = new HttpOut(request, response, callback);
        if (path.startsWith("/__scripted/")) {
            control(request.getMethod(), path, body, out);
            return true;
        }
        ReceivedRequest received = log.add(request.getMethod(), path, request.getHttpURI().getQuery(), headers(request), body);
        Outcome outcome;
        try {
            Route route = Route.match(received);
            outcome = route != null ? responder.respond(received, route, out) : notFound(received, out);
        } catch (HttpOut.ClientGone e) {
            out.fail(e);
            outcome = Outcome.CLIENT_CANCELLED;
        }
        log.complete(received, outcome);
        return true;
    }

    private void control(String method, String path, byte[] body, HttpOut out) throws HttpOut.ClientGone {
        switch (method + " " + path) {
            case "POST /__scripted/scripts" -> {
                List<Script> scripts = new ArrayList<>();
                try {
                    JsonNode json = Json.parse(new String(body, StandardCharsets.UTF_8), "scripts");
                    for (JsonNode s : json.isArray() ? json : List.of(json)) {
                        scripts.add(Script.fromJson(s));
                    }
                } catch (IllegalArgumentException e) {
                    json(out, 400, Json.object().put("error", e.getMessage()));
                    return;
                }
                scripts.forEach(queue::add);
                json(out, 200, Json.object().put("queued", scripts.size()).put("waiting", queue.size()));
            }
            case "GET /__scripted/requests" -> json(out, 200, log.toJson());
            default -> json(out, 404, Json.object().put("error", "No scripted control route " + method + " " + path
                    + " (POST /__scripted/scripts, GET /__scripted/requests)"));
        }
    }

    private static Outcome notFound(ReceivedRequest r, HttpOut out) throws HttpOut.ClientGone {
        ObjectNode body = Json.object();
        body.putObject("error").put("message", "The Lakegate scripted model has no route for " + r.method() + " " + r.path()
                + " (it serves the Anthropic, OpenAI and Gemini APIs at its root, e.g. POST /v1/messages)");
        json(out, 404, body);
        return Outcome.COMPLETED;
    }

    private static void json(HttpOut out, int status, JsonNode body) throws HttpOut.ClientGone {
        out.head(status, "application/json", Map.of());
        out.write(Json.bytes(body), true);
        out.succeed();
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
        }
        return headers;
    }
}
