package dev.lakegate.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.Authenticator;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.pipeline.Authenticate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the JSON APIs under {@code /api/}: matches the route, authenticates (same credentials as
 * the surfaces), enforces admin-only routes, and renders answers and errors the way the managed
 * product does ({@code {"error_code":…,"message":…}}).
 */
public final class ApiDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BODY = 1024 * 1024;

    private record Compiled(ApiRoute route, String[] segments) {}

    private final List<Compiled> routes;
    private final Authenticator authenticator;

    public ApiDispatcher(List<ApiRoute> routes, Authenticator authenticator) {
        this.routes = routes.stream().map(r -> new Compiled(r, r.pathTemplate().split("/"))).toList();
        this.authenticator = authenticator;
    }

    void handle(Request request, Response response, Callback callback, String path) {
        ApiResponse answer;
        try {
            answer = dispatch(request, path);
        } catch (Exception e) {
            answer = failure(request.getMethod(), path, e);
        }
        send(response, callback, answer);
    }

    /** Writes an answer (or an error from {@link #failure}) as JSON; an empty body is {@code {}}. */
    public static void send(Response response, Callback callback, ApiResponse answer) {
        int status = answer.status();
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(answer.body() == null ? JSON.createObjectNode() : answer.body());
        } catch (Exception e) {
            status = 500;
            bytes = "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"could not serialise the answer\"}".getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store"); // answers hold private data, a new token's secret among them
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** The answer for a failed call: a {@link GatewayException}'s own error, anything else a logged 500. */
    public static ApiResponse failure(String method, String path, Exception e) {
        if (e instanceof GatewayException g) {
            return error(g.error());
        }
        LOG.error("API call {} {} failed", method, path, e);
        return error(GatewayError.of(ErrorCategory.INTERNAL, "Internal error: " + e.getClass().getSimpleName()));
    }

    /** {@code {"error_code":…,"message":…}} with the error's status, as the managed product's REST APIs answer. */
    public static ApiResponse error(GatewayError e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error_code", errorCode(e));
        node.put("message", e.message());
        return new ApiResponse(e.status(), node);
    }

    private ApiResponse dispatch(Request request, String path) throws Exception {
        return run(request.getMethod(), path,
                () -> Authenticate.authenticate(authenticator, Headers.lowerCased(request.getHeaders()), Map.of()),
                () -> queryLists(request), () -> RequestBodies.read(request, MAX_BODY));
    }

    /**
     * Calls the route for {@code method} and {@code path} as an already authenticated caller: the admin-only
     * check, 404 for an unknown path and 405 for a known path with another method apply as for {@code /api/}.
     */
    public ApiResponse invoke(Caller caller, String method, String path, Map<String, List<String>> query, byte[] body) throws Exception {
        return run(method, path, () -> caller, () -> query, () -> body);
    }

    /** Something read only once a route matched: unknown paths answer 404 without authenticating or reading the body. */
    private interface Lazy<T> {
        T get() throws Exception;
    }

    private ApiResponse run(String method, String path, Lazy<Caller> callerOf, Lazy<Map<String, List<String>>> query, Lazy<byte[]> body)
            throws Exception {
        String[] segments = path.split("/");
        boolean pathKnown = false;
        for (Compiled c : routes) {
            Map<String, String> params = match(c.segments(), segments);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (!c.route().method().equals(method)) {
                continue;
            }
            Caller caller = callerOf.get();
            if (c.route().adminOnly() && !caller.principal().admin()) {
                throw new GatewayException(ErrorCategory.PERMISSION, "Only admins may call " + method + " " + c.route().pathTemplate());
            }
            return c.route().handler().handle(new ApiRequest(method, path, params, query.get(), body.get(), caller));
        }
        if (pathKnown) {
            throw new GatewayException(ErrorCategory.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed on " + path);
        }
        throw new GatewayException(ErrorCategory.NOT_FOUND, "No API route " + path);
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** Decoded query parameters, every value of each. */
    public static Map<String, List<String>> queryLists(Request request) {
        Map<String, List<String>> out = new HashMap<>();
        for (Fields.Field f : Request.extractQueryParameters(request)) {
            out.put(f.getName(), new ArrayList<>(f.getValues()));
        }
        return out;
    }

    /** Error codes of the managed product's REST APIs. */
    private static String errorCode(GatewayError e) {
        if (e.status() == 409) {
            return "RESOURCE_ALREADY_EXISTS";
        }
        return switch (e.category()) {
            case INVALID_REQUEST, UNSUPPORTED_MEDIA_TYPE, REQUEST_TOO_LARGE -> "INVALID_PARAMETER_VALUE";
            case AUTHENTICATION -> "UNAUTHENTICATED";
            case PERMISSION, BUDGET_EXCEEDED -> "PERMISSION_DENIED";
            case NOT_FOUND -> "RESOURCE_DOES_NOT_EXIST";
            case METHOD_NOT_ALLOWED -> "ENDPOINT_NOT_FOUND";
            case RATE_LIMITED -> "REQUEST_LIMIT_EXCEEDED";
            case UPSTREAM_UNAVAILABLE, OVERLOADED -> "TEMPORARILY_UNAVAILABLE";
            case UPSTREAM_ERROR, TIMEOUT, INTERNAL -> "INTERNAL_ERROR";
        };
    }
}
