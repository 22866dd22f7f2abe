package dev.lakegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@code DashboardHttpTest} does not check of the dashboard's headers: every {@code /ui/api} answer — success or
 * refusal, signed in or not — is {@code no-store} and framed by nobody, and the session cookie is out of scripts' and
 * other sites' reach while the sign-in answer never echoes the token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardHeadersTest {
    TestGateway gateway;
    String bob;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        bob = new LakeClient(gateway).user("bob");
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void everyDataAnswerIsNoStoreAndUnframeable() throws Exception {
        HttpResponse<String> signIn = gateway.send(HttpRequest.newBuilder(gateway.url("/ui/api/session")).header("origin", origin())
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + bob + "\"}")).build());
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).doesNotContain(bob);
        String setCookie = signIn.headers().firstValue("set-cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/ui").doesNotContain("Secure").doesNotContain(bob);
        String cookie = setCookie.split(";")[0];

        record Call(String path, String cookie, int status) {}
        for (Call c : List.of(new Call("/ui/api/session", null, 401), new Call("/ui/api/charts", null, 401), new Call("/ui/api/session", cookie, 200),
                new Call("/ui/api/charts", cookie, 200), new Call("/ui/api/admin/token/list", cookie, 200),
                new Call("/ui/api/admin/preview/scim/v2/Users", cookie, 403), new Call("/ui/api/nothing-here", cookie, 404))) {
            HttpRequest.Builder b = HttpRequest.newBuilder(gateway.url(c.path())).GET();
            if (c.cookie() != null) {
                b.header("cookie", c.cookie());
            }
            HttpResponse<String> r = gateway.send(b.build());
            assertThat(r.statusCode()).as(c.toString()).isEqualTo(c.status());
            assertThat(r.headers().firstValue("content-type")).as(c.toString()).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.headers().firstValue("cache-control")).as(c.toString()).hasValue("no-store");
            assertThat(r.headers().firstValue("x-frame-options")).as(c.toString()).hasValue("DENY");
            assertThat(r.headers().firstValue("content-security-policy")).as(c.toString())
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'", "default-src 'none'"));
            assertThat(r.body()).as(c.toString()).doesNotContain(bob);
        }
    }

    private String origin() {
        return "http://" + gateway.baseUrl().getAuthority();
    }
}
