package dev.lakegate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard's HTTP shell without a browser: what the cookie session admits and refuses, the admin
 * forward's allow-list, the headers every {@code /ui} answer carries, and static files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardHttpTest {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    TestGateway gateway;
    String bobToken;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        Governance governance = gateway.gateway().governance();
        PrincipalRecord admin = governance.principals().findByName("admin").orElseThrow();
        PrincipalRecord bob = governance.principals().create(new NewPrincipal(PrincipalType.USER, "bob", "bob", "bob@example.com", false, true));
        bobToken = governance.tokens().create(bob, admin.id(), "http test", Optional.of(Duration.ofDays(1))).secret();
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    private String origin() {
        String base = gateway.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Signs in and answers the session cookie ({@code lg_session=…}). */
    private String signIn(String token) throws Exception {
        HttpResponse<String> r = gateway.send(HttpRequest.newBuilder(gateway.url("/ui/api/session")).header("origin", origin())
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.url(path));
        if (cookie != null) {
            b.header("cookie", cookie);
        }
        return gateway.send(b.GET().build());
    }

    @Test
    void theCookieSessionIsTheOnlyWayInAndBearerTokensAreRefused() throws Exception {
        assertThat(get("/ui/api/session", null).statusCode()).isEqualTo(401);
        HttpResponse<String> bearer = gateway.send(gateway.request("/ui/api/charts", gateway.adminToken(), null).GET().build());
        assertThat(bearer.statusCode()).isEqualTo(401);
        String cookie = signIn(bobToken);
        HttpResponse<String> me = get("/ui/api/session", cookie);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"name\":\"bob\"", "\"admin\":false", "csrf").doesNotContain(bobToken);
        HttpResponse<String> chart = get("/ui/api/charts/overview.kpis?range=7d", cookie);
        assertThat(chart.statusCode()).as(chart.body()).isEqualTo(200);
        assertThat(chart.body()).contains("\"sql\"", "\"rows\"");
        assertThat(chart.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: afterwards this address may not sign in for a minute
    void signInFromAnotherOriginIsRefusedAndRepeatedFailuresAreSlowedDown() throws Exception {
        HttpResponse<String> foreign = gateway.send(HttpRequest.newBuilder(gateway.url("/ui/api/session")).header("origin", "http://evil.example")
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + bobToken + "\"}")).build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("set-cookie")).isEmpty();
        int status = 0;
        for (int i = 0; i < 11; i++) {
            status = gateway.send(HttpRequest.newBuilder(gateway.url("/ui/api/session")).header("origin", origin())
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"lg_wrong" + i + "\"}"))
                    .build()).statusCode();
            if (i < 10) {
                assertThat(status).isEqualTo(401);
            }
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void theAdminForwardTakesOnlyTheAllowListAndKeepsAdminRoutesForAdmins() throws Exception {
        String bob = signIn(bobToken);
        HttpResponse<String> users = get("/ui/api/admin/preview/scim/v2/Users", bob);
        assertThat(users.statusCode()).isEqualTo(403);
        assertThat(users.body()).contains("error_code", "message");
        assertThat(get("/ui/api/admin/token/list", bob).statusCode()).isEqualTo(200);
        assertThat(get("/ui/api/admin/sql/statements", bob).statusCode()).isEqualTo(404);
        String admin = signIn(gateway.adminToken());
        assertThat(get("/ui/api/admin/preview/scim/v2/Users", admin).statusCode()).isEqualTo(200);
        assertThat(get("/ui/api/admin/sql/statements", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void everyUiAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/ui/", "/ui/api/session"}) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.headers().firstValue("content-security-policy")).as(path).hasValue(CSP);
            assertThat(r.headers().firstValue("x-frame-options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("x-content-type-options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("referrer-policy")).as(path).hasValue("no-referrer");
            assertThat(r.headers().firstValue("strict-transport-security")).as(path + " over http").isEmpty();
        }
        HttpResponse<String> root = get("/", null);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("location")).hasValue("/ui/");
    }

    @Test
    void staticFilesAreServedWithoutTraversalAndGzipStaysOffTheAgentSurfaces() throws Exception {
        HttpResponse<String> index = get("/ui/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("/ui/assets/js/app.js");
        HttpResponse<String> app = get("/ui/assets/js/app.js", null);
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        String etag = app.headers().firstValue("etag").orElseThrow();
        HttpResponse<String> again = gateway.send(HttpRequest.newBuilder(gateway.url("/ui/assets/js/app.js")).header("if-none-match", etag).GET().build());
        assertThat(again.statusCode()).isEqualTo(304);
        for (String path : new String[] {"/ui/assets/../index.html", "/ui/assets/%2e%2e/index.html", "/ui/assets/js/..%2fapp.js",
                "/ui/assets/js/app.exe", "/ui/assets/%2e%2e/%2e%2e/pom.xml"}) {
            assertThat(gateway.send(HttpRequest.newBuilder(gateway.url(path)).GET().build()).statusCode()).as(path).isIn(400, 404);
        }

        HttpResponse<byte[]> echarts = gateway.sendBytes(HttpRequest.newBuilder(gateway.url("/ui/vendor/echarts.min.js"))
                .header("accept-encoding", "gzip").GET().build());
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.headers().firstValue("content-encoding")).hasValue("gzip");
        HttpResponse<byte[]> models = gateway.sendBytes(gateway.request("/openai/v1/models", gateway.adminToken(), null)
                .header("accept-encoding", "gzip").GET().build());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.headers().firstValue("content-encoding")).isEmpty();
    }
}
