package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.testing.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Talks to a {@link TestGateway}'s SQL and Unity Catalog APIs over HTTP, as the wire sees them. */
public final class LakeClient {
    private final TestGateway gateway;

    public LakeClient(TestGateway gateway) {
        this.gateway = gateway;
    }

    /** A new non-admin user and the secret of a token for it. */
    public String user(String name) {
        Governance g = gateway.gateway().governance();
        PrincipalRecord p = g.principals().create(new NewPrincipal(PrincipalType.USER, name, null, null, false, true));
        return g.tokens().create(p, p.id(), "test", Optional.empty()).secret();
    }

    /** {@code CREATE TABLE} of SPEC §5 for {@code signal} (metrics, logs, spans), verbatim but for the names. */
    public static String specDdl(String signal, String catalog, String schema, String prefix) throws IOException {
        return OtelTableDdl.forTable(signal, catalog, schema, prefix);
    }

    /**
     * Catalog {@code catalog}, schema {@code schema} and the three SPEC §5 tables {@code
     * catalog.schema.prefix_otel_*}; each writer gets USE CATALOG, USE SCHEMA and MODIFY on them.
     */
    public void otelTables(String catalog, String schema, String prefix, String... writers) throws IOException, InterruptedException {
        admin("CREATE CATALOG IF NOT EXISTS " + catalog);
        admin("CREATE SCHEMA IF NOT EXISTS " + catalog + "." + schema);
        for (String kind : List.of("metrics", "logs", "spans")) {
            admin(specDdl(kind, catalog, schema, prefix));
        }
        for (String writer : writers) {
            admin("GRANT USE CATALOG ON CATALOG " + catalog + " TO `" + writer + "`");
            admin("GRANT USE SCHEMA ON SCHEMA " + catalog + "." + schema + " TO `" + writer + "`");
            for (String kind : List.of("metrics", "logs", "spans")) {
                admin("GRANT MODIFY ON TABLE " + catalog + "." + schema + "." + prefix + "_otel_" + kind + " TO `" + writer + "`");
            }
        }
    }

    HttpResponse<String> post(String token, String body) throws IOException, InterruptedException {
        return gateway.post("/api/2.0/sql/statements", body.getBytes(), token, "application/json");
    }

    /** The statement's answer (HTTP 200 either way). */
    public JsonNode statement(String token, String sql) throws IOException, InterruptedException {
        ObjectNode body = TestGateway.JSON.createObjectNode().put("statement", sql).put("wait_timeout", "30s");
        HttpResponse<String> response = post(token, TestGateway.JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestGateway.JSON.readTree(response.body());
    }

    /** Runs as admin and expects success; the rows as strings (null for NULL). */
    public List<List<String>> admin(String sql) throws IOException, InterruptedException {
        return ok(gateway.adminToken(), sql);
    }

    public List<List<String>> ok(String token, String sql) throws IOException, InterruptedException {
        JsonNode answer = statement(token, sql);
        assertThat(answer.path("status").path("state").asText()).as(sql + " → " + answer).isEqualTo("SUCCEEDED");
        return rows(answer);
    }

    /** Expects a FAILED statement; {@code status.error}. */
    public JsonNode failed(String token, String sql) throws IOException, InterruptedException {
        JsonNode answer = statement(token, sql);
        assertThat(answer.path("status").path("state").asText()).as(sql + " → " + answer).isEqualTo("FAILED");
        assertThat(answer.has("result")).isFalse();
        return answer.path("status").path("error");
    }

    /** GET on the Unity Catalog API; the status and JSON body. */
    Answer uc(String token, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = gateway.send(gateway.request("/api/2.1/unity-catalog" + pathAndQuery, token, null).GET().build());
        return new Answer(r.statusCode(), TestGateway.JSON.readTree(r.body()));
    }

    record Answer(int status, JsonNode json) {}

    static List<List<String>> rows(JsonNode answer) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : answer.path("result").path("data_array")) {
            List<String> row = new ArrayList<>();
            r.forEach(v -> row.add(v.isNull() ? null : v.asText()));
            rows.add(row);
        }
        return rows;
    }
}
