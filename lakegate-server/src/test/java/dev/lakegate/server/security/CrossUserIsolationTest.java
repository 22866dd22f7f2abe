package dev.lakegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Alice's traffic — her usage row and her payload row in an inference table — is out of Bob's reach through every
 * API he holds a token for: the SQL API over the system tables, their views and the inference table, the Unity
 * Catalog API, and the token API. And the system catalog takes no write from him, whatever the statement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossUserIsolationTest {
    static final String USAGE = "system.ai_gateway.usage";
    static final String PAYLOADS = "main.payloads.gpt_payload";

    TestGateway gateway;
    LakeClient lake;
    String alice;
    String bob;
    /** Only in alice's prompt: wherever it shows up, her payload leaked. */
    final String marker = "alice-private-" + UUID.randomUUID();
    String aliceRequest;
    final List<String> bobSaw = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        lake = new LakeClient(gateway);
        alice = lake.user("alice");
        bob = lake.user("bob");
        lake.admin("CREATE CATALOG main");
        lake.admin("CREATE SCHEMA main.payloads");
        lake.admin("GRANT USE CATALOG ON CATALOG main TO bob");
        lake.admin("GRANT USE SCHEMA ON SCHEMA main.payloads TO bob");
        HttpResponse<String> on = gateway.send(gateway.request("/api/2.0/serving-endpoints/" + TestGateway.GPT + "/ai-gateway",
                gateway.adminToken(), "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"usage_tracking_config\":{\"enabled\":true},"
                + "\"inference_table_config\":{\"catalog_name\":\"main\",\"schema_name\":\"payloads\",\"table_name_prefix\":\"gpt\",\"enabled\":true}}")).build());
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        HttpResponse<String> chat = gateway.post("/openai/v1/chat/completions", ("{\"model\":\"" + TestGateway.GPT
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + "\"}]}").getBytes(), alice, "application/json");
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        aliceRequest = chat.headers().firstValue("x-request-id").orElseThrow();
        await("SELECT request_id FROM " + USAGE + " WHERE request_id = '" + aliceRequest + "'");
        await("SELECT request_id FROM " + PAYLOADS + " WHERE request_id = '" + aliceRequest + "'");
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void theAdminSeesAlicesRowsSoTheirAbsenceBelowMeansSomething() throws Exception {
        assertThat(lake.admin("SELECT requester FROM " + USAGE + " WHERE request_id = '" + aliceRequest + "'")).containsExactly(List.of("alice"));
        assertThat(lake.admin("SELECT count(*) FROM " + PAYLOADS + " WHERE contains(request, '" + marker + "')")).containsExactly(List.of("1"));
    }

    @Test
    void bobReadsNoneOfAlicesRowsThroughSql() throws Exception {
        for (String sql : List.of("SELECT * FROM " + USAGE, "SELECT * FROM " + USAGE + " WHERE requester = 'alice'",
                "SELECT * FROM system.ai_gateway.usage_daily", "SELECT requester, count(*) FROM " + USAGE + " GROUP BY ALL")) {
            JsonNode answer = lake.statement(bob, sql);
            bobSaw.add(answer.toString());
            assertThat(answer.toString()).as(sql).doesNotContain(aliceRequest).doesNotContain("\"alice\"");
        }
        for (String sql : List.of("SELECT * FROM " + PAYLOADS, "SELECT request FROM " + PAYLOADS + " WHERE request_id = '" + aliceRequest + "'",
                "SELECT * FROM (SELECT * FROM " + PAYLOADS + ")", "DESCRIBE TABLE " + PAYLOADS)) {
            JsonNode error = lake.failed(bob, sql);
            bobSaw.add(error.toString());
            assertThat(error.path("error_code").asText()).as(sql).isIn("PERMISSION_DENIED", "NOT_FOUND");
        }
        assertThat(bobSaw).noneMatch(seen -> seen.contains(marker));
    }

    @Test
    void bobCannotWriteTheSystemCatalogWhateverTheStatement() throws Exception {
        for (String write : List.of("INSERT INTO " + USAGE + " (request_id, requester) VALUES ('forged', 'alice')",
                "INSERT INTO " + USAGE + " SELECT * FROM " + USAGE, "DROP TABLE " + USAGE, "DROP SCHEMA system.ai_gateway CASCADE",
                "CREATE TABLE system.ai_gateway.forged (a INT)", "INSERT INTO " + PAYLOADS + " (request_id) VALUES ('forged')")) {
            JsonNode error = lake.failed(bob, write);
            assertThat(error.path("error_code").asText()).as(write + " → " + error).isEqualTo("PERMISSION_DENIED");
        }
        // The dialect has no UPDATE, DELETE, ALTER or TRUNCATE: refused for everyone, admins too, before anything is read.
        for (String write : List.of("UPDATE " + USAGE + " SET requester = 'bob'", "DELETE FROM " + USAGE,
                "ALTER TABLE " + USAGE + " ADD COLUMN x INT", "TRUNCATE TABLE " + USAGE, "MERGE INTO " + USAGE + " USING x ON true")) {
            for (String caller : List.of(bob, gateway.adminToken())) {
                JsonNode error = lake.failed(caller, write);
                assertThat(error.path("error_code").asText()).as(write + " → " + error).isEqualTo("BAD_REQUEST");
                assertThat(error.path("message").asText()).contains("expected a statement");
            }
        }
        assertThat(lake.admin("SELECT count(*) FROM " + USAGE + " WHERE request_id = 'forged'")).containsExactly(List.of("0"));
        assertThat(lake.admin("SELECT count(*), min(requester) FROM " + USAGE + " WHERE request_id = '" + aliceRequest + "'"))
                .containsExactly(List.of("1", "alice"));
        assertThat(lake.admin("SHOW TABLES IN system.ai_gateway")).extracting(row -> row.get(1)).doesNotContain("forged");
    }

    @Test
    void bobNeitherListsNorRevokesAlicesTokens() throws Exception {
        var tokens = gateway.gateway().governance().tokens();
        long aliceId = gateway.gateway().governance().principals().findByName("alice").orElseThrow().id();
        String aliceTokenId = tokens.list(Optional.of(aliceId)).getFirst().id();
        HttpResponse<String> list = gateway.send(gateway.request("/api/2.0/token/list", bob, null).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(aliceTokenId).contains("token_infos");
        HttpResponse<String> delete = gateway.post("/api/2.0/token/delete", ("{\"token_id\":\"" + aliceTokenId + "\"}").getBytes(), bob,
                "application/json");
        assertThat(delete.statusCode()).as(delete.body()).isIn(403, 404);
        assertThat(tokens.find(aliceTokenId).orElseThrow().revoked()).isFalse();
        HttpResponse<String> uc = gateway.send(gateway.request("/api/2.1/unity-catalog/tables/" + PAYLOADS, bob, null).GET().build());
        assertThat(uc.body()).doesNotContain(marker);
    }

    private void await(String sql) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (lake.admin(sql).isEmpty()) {
            assertThat(System.nanoTime()).as("no row for: " + sql).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
