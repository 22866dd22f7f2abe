package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.config.DatabaseConfig;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.IssuedToken;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an admin changes through gateway A applies on gateway B, sharing one PostgreSQL database, within
 * 5 s (SPEC issue 7): well inside B's 10 s token cache, so only the change feed can make it — tokens,
 * principals, permissions, memberships and endpoint ai-gateway settings.
 */
class ChangePropagationTest {
    static final Duration WITHIN = Duration.ofSeconds(5);
    static final String SHARED = "shared";
    static final String TUNED = "tuned";
    static final String LOGGED = "logged";
    private static TestGateway a;
    private static TestGateway b;

    @BeforeAll
    static void start() throws Exception {
        DatabaseConfig db = PostgresServer.shared().createDatabase();
        String section = "database: {url: '%s', user: %s, password: '%s', pool_size: 3}\nlake: {commit_interval_ms: 200}"
                .formatted(db.url(), db.user(), db.password());
        String endpoint = """
                  - {name: %s, destinations: [{provider: scripted, model: %s}]}
                  - {name: %s, destinations: [{provider: scripted, model: %s}]}
                  - {name: %s, destinations: [{provider: scripted, model: %s}]}
                """.formatted(SHARED, TestGateway.GPT_UPSTREAM, TUNED, TestGateway.GPT_UPSTREAM, LOGGED, TestGateway.GPT_UPSTREAM);
        a = TestGateway.start("", endpoint, "", section);
        b = TestGateway.start("", endpoint, "", section);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            a.close();
        } finally {
            b.close();
        }
    }

    @Test
    void aTokenRevokedOrAPrincipalDeactivatedOnAIsRefusedByB() throws Exception {
        long bob = principal("bob");
        IssuedToken revokedToken = issue(bob);
        String revoked = revokedToken.secret();
        String kept = token(bob);
        assertThat(models(b, revoked)).isEqualTo(200);
        assertThat(models(b, kept)).isEqualTo(200);

        String tokenId = revokedToken.token().id(); // not the first listed: tokens made in the same millisecond sort by random id
        assertThat(admin(a, "DELETE", "/api/2.0/token-management/tokens/" + tokenId, null)).isEqualTo(200);
        assertRefusedWithin(() -> models(b, revoked), 401);
        assertThat(models(b, kept)).isEqualTo(200);

        assertThat(admin(a, "DELETE", "/api/2.0/preview/scim/v2/Users/" + bob, null)).isEqualTo(204);
        assertRefusedWithin(() -> models(b, kept), 401);
    }

    @Test
    void aPermissionRemovedOnAIsEnforcedByB() throws Exception {
        String carol = token(principal("carol"));
        assertThat(chat(b, carol)).isEqualTo(200);
        assertThat(admin(a, "PUT", "/api/2.0/permissions/serving-endpoints/" + SHARED,
                "{\"access_control_list\":[{\"group_name\":\"admins-only-by-name\",\"permission_level\":\"CAN_QUERY\"}]}")).isEqualTo(400);
        assertThat(admin(a, "PUT", "/api/2.0/permissions/serving-endpoints/" + SHARED, "{\"access_control_list\":[]}")).isEqualTo(200);
        assertRefusedWithin(() -> chat(b, carol), 403);
        assertThat(chat(b, b.adminToken())).isEqualTo(200);
        admin(a, "PUT", "/api/2.0/permissions/serving-endpoints/" + SHARED,
                "{\"access_control_list\":[{\"group_name\":\"users\",\"permission_level\":\"CAN_QUERY\"}]}");
    }

    @Test
    void aMembershipRemovedOnAIsEnforcedByB() throws Exception {
        long daveId = principal("dave");
        String dave = token(daveId);
        long groupId = a.gateway().governance().groups().create("ml-team", List.of(daveId)).id();
        String endpoint = "/api/2.0/permissions/serving-endpoints/" + TestGateway.CLAUDE;
        assertThat(admin(a, "PUT", endpoint, "{\"access_control_list\":[{\"group_name\":\"ml-team\",\"permission_level\":\"CAN_QUERY\"}]}"))
                .isEqualTo(200);
        assertAllowedWithin(() -> anthropic(b, dave));

        assertThat(admin(a, "PATCH", "/api/2.0/preview/scim/v2/Groups/" + groupId,
                "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + daveId + "\\\"]\"}]}")).isEqualTo(200);
        assertRefusedWithin(() -> anthropic(b, dave), 403);
    }

    @Test
    void aiGatewaySettingsPutThroughAApplyOnB() throws Exception {
        String erin = token(principal("erin"));
        assertThat(chat(b, erin, TUNED).statusCode()).isEqualTo(200);
        assertThat(chat(b, erin, TUNED).statusCode()).isEqualTo(200);
        assertThat(admin(a, "PUT", "/api/2.0/serving-endpoints/" + TUNED + "/ai-gateway",
                "{\"rate_limits\":[{\"key\":\"user\",\"calls\":1}],\"fallback_config\":{\"enabled\":true}}")).isEqualTo(200);
        assertRefusedWithin(() -> chat(b, erin, TUNED).statusCode(), 429);
        HttpResponse<String> untracked = chat(b, b.adminToken(), TUNED);
        assertThat(b.recordOf(untracked).usageTracked()).as("usage_tracking_config left out: off, on B too").isFalse();

        assertThat(admin(a, "DELETE", "/api/2.0/serving-endpoints/" + TUNED + "/ai-gateway", null)).isEqualTo(200);
        assertAllowedWithin(() -> chat(b, erin, TUNED).statusCode());
        assertThat(b.recordOf(chat(b, erin, TUNED)).usageTracked()).isTrue();
    }

    @Test
    void anInferenceTableEnabledThroughAIsWrittenByB() throws Exception {
        LakeClient lake = new LakeClient(a);
        lake.admin("CREATE CATALOG IF NOT EXISTS main");
        lake.admin("CREATE SCHEMA IF NOT EXISTS main.payloads");
        assertThat(admin(a, "PUT", "/api/2.0/serving-endpoints/" + LOGGED + "/ai-gateway", "{\"inference_table_config\":"
                + "{\"catalog_name\":\"main\",\"schema_name\":\"payloads\"},\"usage_tracking_config\":{\"enabled\":true}}")).isEqualTo(200);
        long start = System.nanoTime();
        HttpResponse<String> sampled;
        while (b.recordOf(sampled = chat(b, b.adminToken(), LOGGED)).payload() == null && System.nanoTime() - start < WITHIN.toNanos()) {
            Thread.sleep(100);
        }
        String id = sampled.headers().firstValue("x-request-id").orElseThrow();
        String sql = "SELECT endpoint_name FROM main.payloads.logged_payload WHERE request_id = '" + id + "'";
        List<List<String>> rows;
        while ((rows = lake.admin(sql)).isEmpty() && System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(200);
        }
        assertThat(rows).as("B opened the table A created, at its first row").containsExactly(List.of(LOGGED));
        admin(a, "DELETE", "/api/2.0/serving-endpoints/" + LOGGED + "/ai-gateway", null);
    }

    @FunctionalInterface
    interface Call {
        int status() throws Exception;
    }

    private static void assertRefusedWithin(Call call, int refused) throws Exception {
        long start = System.nanoTime();
        int status;
        while ((status = call.status()) != refused && System.nanoTime() - start < WITHIN.toNanos()) {
            Thread.sleep(100);
        }
        assertThat(status).as("gateway B still answered %d after %d ms", status, (System.nanoTime() - start) / 1_000_000).isEqualTo(refused);
    }

    private static void assertAllowedWithin(Call call) throws Exception {
        assertRefusedWithin(call, 200);
    }

    private static long principal(String name) {
        Governance g = a.gateway().governance();
        return g.principals().create(new NewPrincipal(PrincipalType.USER, name, null, null, false, true)).id();
    }

    private static String token(long owner) {
        return issue(owner).secret();
    }

    private static IssuedToken issue(long owner) {
        Governance g = a.gateway().governance();
        return g.tokens().create(g.principals().find(owner).orElseThrow(), owner, "test", Optional.empty());
    }

    private static int models(TestGateway gw, String token) throws Exception {
        return gw.send(gw.request("/openai/v1/models", token, null).GET().build()).statusCode();
    }

    private static int chat(TestGateway gw, String token) throws Exception {
        return chat(gw, token, SHARED).statusCode();
    }

    private static HttpResponse<String> chat(TestGateway gw, String token, String endpoint) throws Exception {
        return gw.post("/openai/v1/chat/completions", ("{\"model\":\"" + endpoint + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getBytes(StandardCharsets.UTF_8), token, "application/json");
    }

    private static int anthropic(TestGateway gw, String token) throws Exception {
        return gw.post("/anthropic/v1/messages", ("{\"model\":\"" + TestGateway.CLAUDE
                + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8),
                token, "application/json").statusCode();
    }

    private static int admin(TestGateway gw, String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        HttpResponse<String> response = gw.send(gw.request(path, gw.adminToken(), "application/json").method(method, publisher).build());
        return response.statusCode();
    }
}
