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
        int status;
        Object body;
        try {
            ApiResponse answer = dispatch(request, path);
            status = answer.status();
            body = answer.body() == null ? JSON.createObjectNode() : answer.body();
        } catch (GatewayException e) {
            status = e.error().status();
            body = error(e.error());
        } catch (Exception e) {
            LOG.error("API call {} {} failed", request.getMethod(), path, e);
            status = 500;
            body = error(GatewayError.of(ErrorCategory.INTERNAL, "Internal error: " + e.getClass().getSimpleName()));
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            status = 500;
            bytes = "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"could not serialise the answer\"}".getBytes();
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private ApiResponse dispatch(Request request, String path) throws Exception {
        String[] segments = path.split("/");
        boolean pathKnown = false;
        for (Compiled c : routes) {
            Map<String, String> params = match(c.segments(), segments);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (!c.route().method().equals(request.getMethod())) {
                continue;
            }
            Map<String, String> headers = Headers.lowerCased(request.getHeaders());
            Caller caller = Authenticate.authenticate(authenticator, headers, Map.of());
            if (c.route().adminOnly() && !caller.principal().admin()) {
                throw new GatewayException(ErrorCategory.PERMISSION, "Only admins may call " + request.getMethod() + " " + c.route().pathTemplate());
            }
            byte[] body = RequestBodies.read(request, MAX_BODY);
            return c.route().handler().handle(new ApiRequest(request.getMethod(), path, params, queryLists(request), body, caller));
        }
        if (pathKnown) {
            throw new GatewayException(ErrorCategory.METHOD_NOT_ALLOWED, "Method " + request.getMethod() + " is not allowed on " + path);
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

    private static Map<String, List<String>> queryLists(Request request) {
        Map<String, List<String>> out = new HashMap<>();
        for (Fields.Field f : Request.extractQueryParameters(request)) {
            out.put(f.getName(), new ArrayList<>(f.getValues()));
        }
        return out;
    }

    private static ObjectNode error(GatewayError e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error_code", errorCode(e));
        node.put("message", e.message());
        return node;
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
