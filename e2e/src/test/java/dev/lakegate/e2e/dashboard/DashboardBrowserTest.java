package dev.lakegate.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser over {@link DashboardFixture}'s hand-counted rows (design note 019, "Browser
 * suite" items 1–9): sign-in and its cookie, every page's charts and KPIs, a filter, View SQL re-run through the
 * SQL API, tokens made and revoked in the UI, a plain user's isolation, CSRF and logout, empty states, XSS/CSP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    static final List<String> PAGES = List.of("overview", "agents", "usage", "performance", "admin");

    private DashboardFixture fixture;

    @BeforeAll
    void start() throws Exception {
        Browser.assumeInstalled(); // skips the class before the fixture is built where Chromium is missing
        fixture = DashboardFixture.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Browser browser() {
        return Browser.open(fixture.gateway().baseUrl());
    }

    @Test
    void adminSignsInWithAnHttpOnlyStrictSessionCookie() {
        try (Browser b = browser()) {
            b.signIn(fixture.adminToken(), "admin");
            Cookie cookie = b.driver().manage().getCookieNamed("lg_session");
            assertThat(cookie).as("the lg_session cookie").isNotNull();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.getPath()).isEqualTo("/ui");
            assertThat(b.js("return document.cookie")).asString().doesNotContain("lg_session");
            assertThat(b.driver().getPageSource()).doesNotContain(fixture.adminToken());
        }
    }

    @Test
    void wrongTokenIsRefusedWithOneGenericMessage() {
        try (Browser b = browser()) {
            b.load("");
            b.waitFor(By.cssSelector("input[data-testid=signin-token]")).sendKeys("lg_not-a-token");
            b.click(By.cssSelector("button[data-testid=signin-submit]"));
            assertThat(b.waitFor(By.cssSelector("[data-testid=signin-error]")).getText()).isNotBlank();
            assertThat(b.driver().manage().getCookieNamed("lg_session")).isNull();
        }
    }

    @Test
    void everyPageRendersTheFixturesSeriesAndTotals() {
        try (Browser b = browser()) {
            b.signIn(fixture.adminToken(), "admin");
            b.markNotReady();
            b.load("#/overview?range=7d");
            b.awaitReady();
            assertAllSettled(b, "overview");
            assertThat(b.series("overview.requests")).containsExactlyInAnyOrderElementsOf(DashboardFixture.TOOLS);
            assertThat(b.series("overview.spend")).containsExactlyInAnyOrderElementsOf(DashboardFixture.TOOLS);
            assertThat(b.kpi("requests")).isEqualTo(DashboardFixture.REQUESTS);
            assertThat(b.kpi("tokens")).isEqualTo(DashboardFixture.TOKENS);
            assertThat(b.kpi("usd")).isCloseTo(fixture.usd(), within(1e-9));
            assertThat(b.kpi("active_users")).isEqualTo(DashboardFixture.ACTIVE_USERS);
            assertThat(b.kpi("error_rate")).isCloseTo(DashboardFixture.ERROR_RATE, within(1e-9));

            b.page("agents");
            assertAllSettled(b, "agents");
            assertThat(b.chartStates()).containsEntry("agents.sessions", "ready").containsEntry("agents.kpis_by_tool", "ready");
            assertThat(b.series("agents.sessions")).containsExactlyInAnyOrderElementsOf(DashboardFixture.SESSIONS.keySet());
            List<List<String>> byTool = b.tableRows("agents.kpis_by_tool");
            DashboardFixture.SESSIONS.forEach((tool, sessions) -> assertThat(byTool)
                    .anySatisfy(row -> assertThat(row).startsWith(tool).contains(String.valueOf(sessions))));

            b.page("usage");
            assertAllSettled(b, "usage");
            assertThat(b.series("usage.spend_by_model")).containsExactlyInAnyOrderElementsOf(DashboardFixture.MODELS);
            assertThat(b.tableRows("usage.by_user")).extracting(List::getFirst).containsExactlyInAnyOrder("alice", "bob", "admin");

            b.page("performance");
            assertAllSettled(b, "performance");
            assertThat(b.chartStates()).containsEntry("perf.latency", "ready").containsEntry("perf.error_types", "ready");
            assertThat(b.tableRows("perf.error_types")).singleElement().satisfies(row -> assertThat(row).contains("RATE_LIMITED", "429", "1"));

            b.page("admin");
            assertThat(b.present(By.cssSelector("section[data-testid=admin-users]"))).isTrue();
            assertThat(b.present(By.cssSelector("tr[data-user=alice]"))).isTrue();
            assertThat(b.present(By.cssSelector("tr[data-user=bob]"))).isTrue();
            assertNoXssNoCspViolation(b);
        }
    }

    private static void assertAllSettled(Browser b, String page) {
        Map<String, String> states = b.chartStates();
        assertThat(states).as("charts of " + page).isNotEmpty();
        assertThat(states.values()).as("chart states of " + page + ": " + states).allMatch(s -> s.equals("ready") || s.equals("empty"));
    }

    @Test
    void aToolFilterChangesTheNumbersAndTheHash() {
        try (Browser b = browser()) {
            b.signIn(fixture.adminToken(), "admin");
            b.markNotReady();
            b.load("#/overview?range=7d");
            b.awaitReady();
            assertThat(b.kpi("requests")).isEqualTo(DashboardFixture.REQUESTS);
            b.markNotReady();
            b.select(By.cssSelector("select[data-testid=filter-tool]"), "codex-cli");
            b.awaitReady();
            assertThat(b.kpi("requests")).isEqualTo(DashboardFixture.CODEX_REQUESTS);
            assertThat(b.js("return location.hash")).asString().startsWith("#/overview").contains("tool=codex-cli");
            assertThat(b.series("overview.requests")).containsExactly("codex-cli");

            // the hash is the state: a reload keeps the filter
            b.markNotReady();
            b.driver().navigate().refresh();
            b.awaitReady();
            assertThat(b.kpi("requests")).isEqualTo(DashboardFixture.CODEX_REQUESTS);
            b.markNotReady();
            b.click(By.cssSelector("button[data-testid=filter-clear]"));
            b.awaitReady();
            assertThat(b.kpi("requests")).isEqualTo(DashboardFixture.REQUESTS);
        }
    }

    @Test
    void viewSqlShowsTheStatementThatGivesTheChartsNumbersThroughTheSqlApi() throws Exception {
        try (Browser b = browser()) {
            b.signIn(fixture.bobToken(), "bob");
            b.markNotReady();
            b.load("#/overview?range=7d");
            b.awaitReady();
            double requests = b.kpi("requests");
            assertThat(requests).isEqualTo(DashboardFixture.BOB_REQUESTS);
            b.click(By.cssSelector("section[data-chart-id=\"overview.kpis\"] button[data-testid=view-sql]"));
            String sql = b.waitFor(By.cssSelector("dialog[data-testid=sql-dialog] pre[data-testid=sql-text]")).getText();
            assertThat(sql).containsIgnoringCase("system.ai_gateway.usage");
            b.click(By.cssSelector("button[data-testid=sql-close]"));

            JsonNode answer = statement(fixture.gateway(), fixture.bobToken(), sql);
            assertThat(answer.path("status").path("state").asText()).as(answer.toString()).isEqualTo("SUCCEEDED");
            JsonNode columns = answer.path("manifest").path("schema").path("columns");
            JsonNode row = answer.path("result").path("data_array").get(0);
            int requestsColumn = -1;
            int tokensColumn = -1;
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i).path("name").asText();
                if (name.equals("requests")) requestsColumn = i;
                if (name.equals("tokens")) tokensColumn = i;
            }
            assertThat(requestsColumn).as("a requests column in " + columns).isNotNegative();
            assertThat(row.get(requestsColumn).asDouble()).isEqualTo(requests);
            assertThat(row.get(tokensColumn).asDouble()).isEqualTo(DashboardFixture.BOB_TOKENS);
        }
    }

    @Test
    void adminCreatesATokenForBobThatWorksUntilRevokedInTheUi() throws Exception {
        try (Browser b = browser()) {
            b.signIn(fixture.adminToken(), "admin");
            b.page("admin");
            b.select(By.cssSelector("[data-testid=token-user]"), "bob");
            b.waitFor(By.cssSelector("input[data-testid=token-comment]")).sendKeys("browser suite");
            b.waitFor(By.cssSelector("input[data-testid=token-lifetime-days]")).sendKeys("1");
            b.click(By.cssSelector("button[data-testid=token-create]"));
            String secret = b.waitFor(By.cssSelector("dialog[data-testid=token-secret-dialog] [data-testid=token-secret]")).getText();
            assertThat(secret).startsWith("lg_");
            assertThat(get(fixture.gateway(), "/api/2.0/token/list", secret).statusCode()).isEqualTo(200);
            b.click(By.cssSelector("button[data-testid=token-secret-close]"));
            assertThat(b.driver().getPageSource()).doesNotContain(secret);

            By row = By.xpath("//tr[@data-token-id][contains(., 'browser suite')]");
            new WebDriverWait(b.driver(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(d -> {
                d.findElement(row).findElement(By.cssSelector("button[data-testid=token-revoke]")).click();
                return true;
            });
            b.click(By.cssSelector("dialog[data-testid=confirm-dialog] button[data-testid=confirm-ok]"));
            // The tokens table is rendered anew after the revoke: a row found may be replaced before it is read.
            new WebDriverWait(b.driver(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(d -> d.findElements(row).isEmpty()
                    || d.findElement(row).getText().toLowerCase().contains("revoked"));
            assertThat(get(fixture.gateway(), "/api/2.0/token/list", secret).statusCode()).isEqualTo(401);

            b.driver().navigate().refresh();
            b.waitFor(By.cssSelector("section[data-testid=admin-tokens]"));
            assertThat(b.driver().getPageSource()).doesNotContain(secret);
            assertThat(b.js("return document.documentElement.outerHTML + JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"))
                    .asString().doesNotContain(secret);
        }
    }

    @Test
    void adminCreatesAUserAndAGroupGrantsAnEndpointAndSetsALimitAndABudgetInTheUi() throws Exception {
        String endpoint;
        try (Browser b = browser()) {
            b.signIn(fixture.adminToken(), "admin");
            b.page("admin");
            b.waitFor(By.cssSelector("input[data-testid=user-create-name]")).sendKeys("dora");
            b.click(By.cssSelector("button[data-testid=user-create]"));
            b.waitFor(By.cssSelector("tr[data-user=dora]"));

            b.waitFor(By.cssSelector("input[data-testid=group-create-name]")).sendKeys("qa");
            b.click(By.cssSelector("button[data-testid=group-create]"));
            By qa = By.cssSelector("tr[data-group=qa]");
            // The groups table is rendered anew after each change: retry on a replaced row.
            new WebDriverWait(b.driver(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(d -> {
                WebElement group = d.findElement(qa);
                group.findElement(By.cssSelector("[data-testid=group-member-name]")).sendKeys("dora");
                group.findElement(By.cssSelector("[data-testid=group-member-add]")).click();
                return true;
            });
            new WebDriverWait(b.driver(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(qa).getText().contains("dora"));

            endpoint = (String) b.js("return document.querySelector('[data-testid=perm-endpoint]').value");
            assertThat(endpoint).isNotBlank();
            b.waitFor(By.cssSelector("[data-testid=perm-principal]")).sendKeys("qa");
            b.select(By.cssSelector("[data-testid=perm-level]"), "CAN_MANAGE");
            b.click(By.cssSelector("button[data-testid=perm-grant]"));
            eventually("/api/2.0/permissions/serving-endpoints/" + endpoint, "qa", "CAN_MANAGE");

            b.select(By.cssSelector("[data-testid=limit-endpoint]"), endpoint);
            b.select(By.cssSelector("[data-testid=limit-key]"), "user");
            b.waitFor(By.cssSelector("[data-testid=limit-principal]")).sendKeys("dora");
            b.waitFor(By.cssSelector("[data-testid=limit-calls]")).sendKeys("7");
            b.click(By.cssSelector("button[data-testid=limit-save]"));
            eventually("/api/2.0/serving-endpoints/" + endpoint + "/ai-gateway", "dora", "7");

            b.waitFor(By.cssSelector("[data-testid=budget-name]")).sendKeys("qa-daily");
            b.select(By.cssSelector("[data-testid=budget-scope]"), "GROUP");
            b.waitFor(By.cssSelector("[data-testid=budget-subject]")).sendKeys("qa");
            b.select(By.cssSelector("[data-testid=budget-period]"), "DAY");
            b.waitFor(By.cssSelector("[data-testid=budget-limit-usd]")).sendKeys("5");
            b.click(By.cssSelector("button[data-testid=budget-create]"));
            b.waitFor(By.cssSelector("tr[data-budget=qa-daily]"));
        }
        // What the UI did, read back through the admin API.
        eventually("/api/2.0/preview/scim/v2/Groups", "\"qa\"", "dora");
        eventually("/api/2.0/budgets", "qa-daily", "GROUP");
    }

    /** Waits up to 10 s for {@code path} (as admin) to answer 200 with every one of {@code parts} in its body. */
    private void eventually(String path, String... parts) throws Exception {
        String body = "";
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < end; Thread.sleep(100)) {
            HttpResponse<String> r = get(fixture.gateway(), path, fixture.adminToken());
            body = r.body();
            if (r.statusCode() == 200 && List.of(parts).stream().allMatch(body::contains)) {
                return;
            }
        }
        assertThat(body).as(path).contains(parts);
    }

    @Test
    void aPlainUserSeesOnlyTheirOwnRowsInTheUiAndThroughTheDataApi() {
        try (Browser b = browser()) {
            b.signIn(fixture.bobToken(), "bob");
            b.markNotReady();
            b.load("#/usage?range=7d");
            b.awaitReady();
            assertThat(b.present(By.cssSelector("select[data-testid=filter-user]"))).isFalse();
            assertThat(b.tableRows("usage.by_user")).extracting(List::getFirst).containsExactly("bob");

            b.page("overview");
            assertThat(b.kpi("requests")).isEqualTo(DashboardFixture.BOB_REQUESTS);
            assertThat(b.kpi("usd")).isCloseTo(fixture.usd("bob"), within(1e-9));

            b.page("admin");
            assertThat(b.present(By.cssSelector("section[data-testid=admin-tokens]"))).isTrue();
            for (String admin : List.of("admin-users", "admin-groups", "admin-permissions", "admin-limits", "admin-budgets")) {
                assertThat(b.present(By.cssSelector("section[data-testid=" + admin + "]"))).as(admin).isFalse();
            }
            assertThat(b.present(By.cssSelector("[data-testid=token-user]"))).isFalse();

            Map<String, Object> alices = b.fetch("/ui/api/charts/usage.by_user?range=7d&user=alice", "{}");
            assertThat(alices.get("status")).isEqualTo(200L);
            JsonNode answer = json((String) alices.get("body"));
            assertThat(answer.path("rows")).isNotEmpty().allSatisfy(r -> assertThat(r.get(0).asText()).isEqualTo("bob"));
            assertThat(alices.get("body").toString()).doesNotContain("alice");

            assertThat(b.fetch("/ui/api/admin/preview/scim/v2/Users", "{}").get("status")).isEqualTo(403L);
            assertThat(b.fetch("/ui/api/charts/overview.kpis?range=7d", "{\"credentials\":\"omit\"}").get("status")).isEqualTo(401L);
        }
    }

    @Test
    void changesNeedTheCsrfTokenAndTheOriginAndLogoutEndsTheSession() throws Exception {
        try (Browser b = browser()) {
            b.signIn(fixture.adminToken(), "admin");
            Map<String, Object> noCsrf = b.fetch("/ui/api/admin/token/create",
                    "{\"method\":\"POST\",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{\\\"comment\\\":\\\"csrf\\\"}\"}");
            assertThat(noCsrf.get("status")).isEqualTo(403L);

            // The right cookie and CSRF token from a foreign origin (a browser never lets a page forge Origin: a plain client does).
            String session = b.driver().manage().getCookieNamed("lg_session").getValue();
            String csrf = json((String) b.fetch("/ui/api/session", "{}").get("body")).path("csrf").asText();
            assertThat(csrf).isNotBlank();
            HttpResponse<String> foreign = HttpClient.newHttpClient().send(HttpRequest.newBuilder(fixture.gateway().url("/ui/api/admin/token/create"))
                    .header("Cookie", "lg_session=" + session).header("X-Lakegate-CSRF", csrf).header("Origin", "http://evil.example")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"csrf\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(403);

            b.click(By.cssSelector("button[data-testid=logout]"));
            b.waitFor(By.cssSelector("form[data-testid=signin-form]"));
            assertThat(b.fetch("/ui/api/session", "{}").get("status")).isEqualTo(401L);
            HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(fixture.gateway().url("/ui/api/session"))
                    .header("Cookie", "lg_session=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).as("the old cookie after logout").isEqualTo(401);
        }
    }

    @Test
    void aFreshGatewayExplainsWhatToConfigure() throws Exception {
        try (TestGateway fresh = DashboardFixture.fresh(); Browser b = Browser.open(fresh.baseUrl())) {
            b.signIn(fresh.adminToken(), "admin");
            b.markNotReady();
            b.load("#/overview?range=7d");
            b.awaitReady();
            assertThat(b.present(By.cssSelector("[data-empty-reason=NO_USAGE]"))).isTrue();
            assertThat(b.text(By.cssSelector("[data-empty-reason=NO_USAGE]"))).contains("lakegate agents configure");
            b.page("agents");
            assertThat(b.present(By.cssSelector("[data-empty-reason=NO_TELEMETRY_CONFIG]"))).isTrue();
            assertThat(b.text(By.cssSelector("[data-empty-reason=NO_TELEMETRY_CONFIG]"))).contains("lakegate otel create-tables");
        }
    }

    @Test
    void anEndpointNameWithMarkupIsShownAsTextOnEveryPage() {
        try (Browser b = browser()) {
            b.signIn(fixture.adminToken(), "admin");
            b.markNotReady();
            b.load("#/usage?range=7d");
            b.awaitReady();
            assertThat(b.tableRows("usage.by_endpoint")).extracting(List::getFirst).contains(DashboardFixture.XSS_ENDPOINT);
            // hovering the charts renders ECharts tooltips, whose HTML must be escaped too
            b.js("document.querySelectorAll('[data-echarts]').forEach(el => { const c = echarts.getInstanceByDom(el);"
                    + " if (c) c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0}); });");
            for (String page : List.of("overview", "performance", "usage")) {
                b.page(page);
                b.markNotReady();
                b.select(By.cssSelector("select[data-testid=filter-endpoint]"), DashboardFixture.XSS_ENDPOINT);
                b.awaitReady();
                assertNoXssNoCspViolation(b);
            }
        }
    }

    private static void assertNoXssNoCspViolation(Browser b) {
        assertThat(b.js("return typeof window.__xss")).isEqualTo("undefined");
        assertThat((List<?>) b.js("return window.__csp")).as("Content-Security-Policy violations").isEmpty();
    }

    static JsonNode statement(TestGateway gateway, String token, String sql) throws Exception {
        ObjectNode body = TestGateway.JSON.createObjectNode().put("statement", sql).put("wait_timeout", "30s");
        HttpResponse<String> response = gateway.post("/api/2.0/sql/statements", TestGateway.JSON.writeValueAsBytes(body), token, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static HttpResponse<String> get(TestGateway gateway, String path, String token) throws Exception {
        return gateway.send(gateway.request(path, token, null).GET().build());
    }

    private static JsonNode json(String text) {
        try {
            return TestGateway.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
