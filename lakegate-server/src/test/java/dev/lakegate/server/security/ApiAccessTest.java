package dev.lakegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.Gateway;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.api.admin.AdminApi;
import dev.lakegate.server.api.admin.BudgetApi;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every JSON API route the gateway serves, taken from the same lists the gateway assembles (so a new route is
 * covered without editing this test), called over HTTP: anonymous and unknown-token callers get 401, a non-admin
 * gets 403 on every admin-only route — directly and through the dashboard's admin forward — and nothing changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAccessTest {
    /** Token-shaped but never issued. */
    static final String UNKNOWN_TOKEN = "lg_" + "A".repeat(43);

    TestGateway gateway;
    String bob;
    List<ApiRoute> routes;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        bob = new LakeClient(gateway).user("bob");
        Gateway g = gateway.gateway();
        routes = new ArrayList<>(AdminApi.routes(g.governance(), g.endpoints(), (endpoint, table) -> {}));
        routes.addAll(BudgetApi.routes(g.budgets()));
        routes.addAll(g.lake().routes());
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void theRouteListIsTheGatewaysOwn() {
        assertThat(routes.stream().filter(ApiRoute::adminOnly).count()).as("admin-only routes").isGreaterThanOrEqualTo(20);
        assertThat(routes).extracting(ApiRoute::pathTemplate).contains("/api/2.0/token-management/tokens", "/api/2.0/budgets",
                "/api/2.0/sql/statements", "/api/2.0/preview/scim/v2/Users");
    }

    @TestFactory
    Stream<DynamicTest> everyRouteRefusesAnonymousAndUnknownCallers() {
        return routes.stream().map(r -> DynamicTest.dynamicTest(r.method() + " " + r.pathTemplate(), () -> {
            for (String token : new String[] {null, UNKNOWN_TOKEN}) {
                HttpResponse<String> answer = call(r, token);
                assertThat(answer.statusCode()).as("%s %s with %s", r.method(), r.pathTemplate(), token == null ? "no token" : "an unknown token")
                        .isEqualTo(401);
                assertError(answer);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyAdminRouteRefusesANonAdmin() {
        return routes.stream().filter(ApiRoute::adminOnly).map(r -> DynamicTest.dynamicTest(r.method() + " " + r.pathTemplate(), () -> {
            HttpResponse<String> answer = call(r, bob);
            assertThat(answer.statusCode()).as("%s %s as bob: %s", r.method(), r.pathTemplate(), answer.body()).isEqualTo(403);
            assertThat(assertError(answer).path("message").asText()).containsIgnoringCase("admin");
        }));
    }

    @TestFactory
    Stream<DynamicTest> theDashboardsAdminForwardRefusesANonAdminToo() throws Exception {
        String cookie = signIn(bob);
        return routes.stream().filter(r -> r.adminOnly() && r.method().equals("GET") && r.pathTemplate().startsWith("/api/2.0/"))
                .map(r -> DynamicTest.dynamicTest("GET /ui/api/admin" + r.pathTemplate().substring(8), () -> {
                    HttpResponse<String> answer = gateway.send(HttpRequest.newBuilder(gateway.url("/ui/api/admin" + concrete(r).substring(8)))
                            .header("cookie", cookie).GET().build());
                    // 403, or 404 when the forward's allow-list does not carry the route at all
                    assertThat(answer.statusCode()).as(answer.body()).isIn(403, 404);
                    assertError(answer);
                }));
    }

    @Test
    void aNewTokensSecretIsNeverCached() throws Exception {
        String carol = new LakeClient(gateway).user("carol"); // not bob: another test counts his tokens
        HttpResponse<String> created = gateway.post("/api/2.0/token/create", "{\"comment\":\"cli\"}".getBytes(), carol, "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(TestGateway.JSON.readTree(created.body()).path("token_value").asText()).isNotEmpty();
        assertThat(created.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void aRefusedAdminCallChangesNothing() throws Exception {
        var principals = gateway.gateway().governance().principals();
        long bobId = principals.findByName("bob").orElseThrow().id();
        HttpResponse<String> create = gateway.post("/api/2.0/preview/scim/v2/Users",
                "{\"userName\":\"mallory\",\"entitlements\":[{\"value\":\"admin\"}]}".getBytes(), bob, "application/scim+json");
        assertThat(create.statusCode()).isEqualTo(403);
        HttpResponse<String> promote = gateway.send(gateway.request("/api/2.0/preview/scim/v2/Users/" + bobId, bob, "application/scim+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                        + "\"Operations\":[{\"op\":\"add\",\"path\":\"entitlements\",\"value\":[{\"value\":\"admin\"}]}]}")).build());
        assertThat(promote.statusCode()).isEqualTo(403);
        HttpResponse<String> onBehalf = gateway.post("/api/2.0/token-management/on-behalf-of/tokens",
                ("{\"application_id\":\"" + bobId + "\"}").getBytes(), bob, "application/json");
        assertThat(onBehalf.statusCode()).isEqualTo(403);
        assertThat(principals.findByName("mallory")).isEmpty();
        assertThat(principals.findByName("bob").orElseThrow().admin()).isFalse();
        assertThat(gateway.gateway().governance().tokens().list(Optional.of(bobId))).as("bob's tokens: only his first").hasSize(1);
    }

    private HttpResponse<String> call(ApiRoute r, String token) throws Exception {
        boolean hasBody = !r.method().equals("GET") && !r.method().equals("DELETE");
        return gateway.send(gateway.request(concrete(r), token, hasBody ? "application/json" : null)
                .method(r.method(), hasBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The template with a harmless value for each path parameter. */
    private static String concrete(ApiRoute r) {
        return r.pathTemplate().replaceAll("\\{[^}]+}", "x1");
    }

    private static JsonNode assertError(HttpResponse<String> answer) throws Exception {
        JsonNode error = TestGateway.JSON.readTree(answer.body());
        assertThat(error.path("error_code").asText()).as(answer.body()).isNotEmpty();
        assertThat(error.path("message").asText()).as(answer.body()).isNotEmpty();
        assertThat(answer.headers().firstValue("cache-control")).as(answer.body()).hasValue("no-store");
        return error;
    }

    private String signIn(String token) throws Exception {
        HttpResponse<String> r = gateway.send(HttpRequest.newBuilder(gateway.url("/ui/api/session")).header("origin", gateway.baseUrl().toString())
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    }
}
