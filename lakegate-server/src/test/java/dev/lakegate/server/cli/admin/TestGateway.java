package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.api.admin.AdminApi;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.Governance;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tiny real HTTP server mounting the admin routes the way the gateway's API layer does. */
final class TestGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<ApiRoute> routes;
    private final Governance governance;

    TestGateway(Governance governance) throws IOException {
        this.governance = governance;
        this.routes = AdminApi.routes(governance);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            Object body;
            try {
                ApiResponse response = dispatch(exchange);
                status = response.status();
                body = response.body();
            } catch (GatewayException e) {
                status = e.error().status();
                body = Map.of("error_code", e.error().category().name(), "message", e.error().message());
            } catch (Exception e) {
                status = 500;
                body = Map.of("error_code", "INTERNAL_ERROR", "message", e.toString());
            }
            byte[] bytes = status == 204 ? new byte[0] : JSON.writeValueAsBytes(body == null ? Map.of() : body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private ApiResponse dispatch(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getRawPath();
        for (ApiRoute route : routes) {
            Map<String, String> params = match(route.pathTemplate(), path);
            if (params == null || !route.method().equals(exchange.getRequestMethod())) {
                continue;
            }
            String header = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
            Caller caller = governance.authenticator().authenticate(header.replaceFirst("^Bearer ", ""))
                    .orElseThrow(() -> new GatewayException(ErrorCategory.AUTHENTICATION, "invalid token"));
            if (route.adminOnly() && !caller.principal().admin()) {
                throw new GatewayException(GatewayError.of(ErrorCategory.PERMISSION, "Only admins may call " + route.pathTemplate()));
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            return route.handler().handle(new ApiRequest(route.method(), path, params, query(exchange), body, caller));
        }
        throw new GatewayException(ErrorCategory.NOT_FOUND, "No API route " + path);
    }

    private static Map<String, String> match(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        if (t.length != p.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{")) {
                params.put(t[i].substring(1, t[i].length() - 1), URLDecoder.decode(p[i], StandardCharsets.UTF_8));
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return params;
    }

    private static Map<String, List<String>> query(HttpExchange exchange) {
        Map<String, List<String>> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        List.of(URLDecoder.decode(kv.length == 2 ? kv[1] : "", StandardCharsets.UTF_8)));
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
