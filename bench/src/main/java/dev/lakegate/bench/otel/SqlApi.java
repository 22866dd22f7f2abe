package dev.lakegate.bench.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The gateway's SQL API ({@code POST /api/2.0/sql/statements}), as a user sees it: DDL and counts. */
public final class SqlApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI url;
    private final String token;

    public SqlApi(URI gateway, String token) {
        this.url = URI.create(gateway + "/api/2.0/sql/statements");
        this.token = token;
    }

    /** Runs the statement; its result rows. */
    public JsonNode run(String sql) throws Exception {
        String body = JSON.createObjectNode().put("statement", sql).put("wait_timeout", "30s").toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !answer.path("status").path("state").asText().equals("SUCCEEDED")) {
            throw new IllegalStateException(sql + " → " + r.statusCode() + " " + r.body());
        }
        return answer.path("result").path("data_array");
    }

    long count(String table) throws Exception {
        return run("SELECT count(*) FROM " + table).get(0).get(0).asLong();
    }

    @Override
    public void close() {
        http.close();
    }
}
