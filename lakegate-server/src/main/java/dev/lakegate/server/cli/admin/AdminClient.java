package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Calls a running gateway's admin API over HTTP and turns every failure into a {@link CliFailure}. */
final class AdminClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final String token;
    private final HttpClient http;

    AdminClient(String url, String token) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new CliFailure("--url must look like http://host:port, got '" + url + "'");
        }
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    /**
     * The one SCIM resource under {@code path} whose {@code attribute} equals {@code value} (ignoring case);
     * else, when {@code value} is a number, the one with that id; else empty.
     */
    Optional<JsonNode> scimFind(String path, String attribute, String value) {
        JsonNode found = get(path + "?filter=" + encode(attribute + " eq \"" + value.replace("\"", "\\\"") + "\""));
        if (found.path("Resources").size() == 1) {
            return Optional.of(found.path("Resources").get(0));
        }
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(get(path + "/" + value));
            } catch (CliFailure.Http e) {
                if (e.status != 404) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CliFailure("the gateway at " + base + " did not answer within " + TIMEOUT.toSeconds() + " s: check that it is healthy (" + base + "/readyz)");
        } catch (IOException e) {
            if (causedBy(e, ConnectException.class)) {
                throw new CliFailure("no gateway at " + base + ": start it with ./lakegate serve, or point --url (env LAKEGATE_URL) at it");
            }
            throw new CliFailure("cannot talk to the gateway at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for the gateway at " + base);
        }
        return read(method, path, response);
    }

    private JsonNode read(String method, String path, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status == 401) {
            throw new CliFailure.Http(status, "the gateway at " + base + " rejected the token (401): pass --token, or set LAKEGATE_TOKEN"
                    + " (the admin token printed on first start, or LAKEGATE_ADMIN_TOKEN)");
        }
        if (status >= 400) {
            String message = json != null && json.hasNonNull("message") ? json.get("message").asText()
                    : "HTTP " + status + " from " + method + " " + path;
            throw new CliFailure.Http(status, message);
        }
        if (json == null && response.body().length > 0) {
            throw new CliFailure("the answer of " + base + path + " is not JSON: is --url pointing at a Lakegate gateway?");
        }
        return json == null ? JSON.createObjectNode() : json;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a request body", e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        http.close();
    }
}
