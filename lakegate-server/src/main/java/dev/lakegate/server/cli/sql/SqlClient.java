package dev.lakegate.server.cli.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Posts statements to a running gateway's SQL API; transport and request failures become {@link SqlFailure}s. */
final class SqlClient implements AutoCloseable {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Statements run synchronously on the gateway; a long query may take its full timeout (2 min). */
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final String base;
    private final String token;
    private final HttpClient http;

    SqlClient(String url, String token) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new SqlFailure("--url must look like http://host:port, got '" + url + "'");
        }
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client of the gateway named by the options, else by {@code LAKEGATE_URL} and {@code LAKEGATE_TOKEN} (or the admin token). */
    static SqlClient connect(String url, String token, Map<String, String> env) {
        String chosen = first(token, env.get("LAKEGATE_TOKEN"), env.get("LAKEGATE_ADMIN_TOKEN"));
        if (chosen == null) {
            throw new SqlFailure("no token: pass --token, or set LAKEGATE_TOKEN (a personal token, or the admin token)");
        }
        return new SqlClient(first(url, env.get("LAKEGATE_URL"), DEFAULT_URL), chosen);
    }

    /** The statement's answer, SUCCEEDED or FAILED. */
    JsonNode execute(String statement) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(JSON.createObjectNode().put("statement", statement).put("wait_timeout", "50s"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/2.0/sql/statements")).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SqlFailure("the gateway at " + base + " did not answer within " + TIMEOUT.toMinutes() + " min");
        } catch (ConnectException e) {
            throw new SqlFailure("no gateway at " + base + ": start it with ./lakegate serve, or point --url (env LAKEGATE_URL) at it");
        } catch (IOException e) {
            throw new SqlFailure("cannot talk to the gateway at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlFailure("interrupted while waiting for the gateway at " + base);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() == 401) {
            throw new SqlFailure("the gateway at " + base + " rejected the token (401): pass --token, or set LAKEGATE_TOKEN");
        }
        if (response.statusCode() != 200 || json == null) {
            String message = json != null && json.hasNonNull("message") ? json.get("message").asText()
                    : "HTTP " + response.statusCode() + " from " + base + ": is --url pointing at a Lakegate gateway?";
            throw new SqlFailure(message);
        }
        return json;
    }

    /** {@code ERROR_CODE: message} of a FAILED answer; empty when the statement succeeded. */
    static Optional<String> failure(JsonNode answer) {
        if ("SUCCEEDED".equals(answer.path("status").path("state").asText())) {
            return Optional.empty();
        }
        JsonNode error = answer.path("status").path("error");
        return Optional.of(error.path("error_code").asText("FAILED") + ": " + error.path("message").asText());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    @Override
    public void close() {
        http.close();
    }
}
