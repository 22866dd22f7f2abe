package dev.lakegate.server.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.governance.Caller;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Calls admin handlers directly, the way the HTTP layer would, and reads answers as the wire JSON. */
final class AdminApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<ApiRoute> routes;

    AdminApiClient(List<ApiRoute> routes) {
        this.routes = routes;
    }

    record Answer(int status, JsonNode json, String raw) {}

    Answer call(Caller caller, String method, String path, String body) {
        String[] pathAndQuery = path.split("\\?", 2);
        for (ApiRoute route : routes) {
            Map<String, String> params = match(route.pathTemplate(), pathAndQuery[0]);
            if (params != null && route.method().equals(method)) {
                ApiRequest request = new ApiRequest(method, pathAndQuery[0], params, query(pathAndQuery), bytes(body), caller);
                try {
                    ApiResponse response = route.handler().handle(request);
                    String raw = JSON.writeValueAsString(response.body() == null ? Map.of() : response.body());
                    return new Answer(response.status(), JSON.readTree(raw), raw);
                } catch (GatewayException e) {
                    throw e;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no route " + method + " " + path);
    }

    JsonNode ok(Caller caller, String method, String path, String body) {
        Answer answer = call(caller, method, path, body);
        assertThat(answer.status()).as(method + " " + path).isBetween(200, 299);
        return answer.json();
    }

    GatewayError error(Caller caller, String method, String path, String body) {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> call(caller, method, path, body));
        assertThat(e).as("expected an error from " + method + " " + path).isNotNull();
        return e.error();
    }

    static Map<String, String> match(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        if (t.length != p.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{")) {
                params.put(t[i].substring(1, t[i].length() - 1), URLDecoder.decode(p[i], StandardCharsets.UTF_8));
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return params;
    }

    private static Map<String, List<String>> query(String[] pathAndQuery) {
        Map<String, List<String>> query = new HashMap<>();
        if (pathAndQuery.length == 2) {
            for (String pair : pathAndQuery[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(URLDecoder.decode(kv.length == 2 ? kv[1] : "", StandardCharsets.UTF_8)));
            }
        }
        return query;
    }

    private static byte[] bytes(String body) {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }
}
