package dev.lakegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.server.Gateway;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.api.admin.AdminApi;
import dev.lakegate.server.api.admin.BudgetApi;
import dev.lakegate.server.conformance.ClientDialect;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.otel.OtlpStatus;
import dev.lakegate.server.provider.ScriptedCredential;
import dev.lakegate.server.testing.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Malformed and hostile requests on every route, as one table: broken JSON, wrong types, huge numbers, deep nesting,
 * invalid UTF-8, oversized bodies, header injection, gzip bombs and invalid protobuf on OTLP, injection through names
 * and path traversal in table locations. Each is answered with a 4xx (never a 5xx, a hang or a dropped connection) in
 * the route's own error format, with no secret or stack trace in it; agent-surface refusals are recorded (request log
 * line and usage row) and OTLP refusals counted; the gateway is healthy and serves a good request afterwards.
 * A new case is one row of {@link #corpus()}; SECURITY.md says what the corpus covers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {
    static final int MAX_REQUEST_BYTES = 1 << 20;
    static final String METRICS = "main.telemetry.cc_otel_metrics";
    static final String PROTOBUF = "application/x-protobuf";
    static final String HUGE_INT = "1180591620717411303424"; // 2^70
    /** A stack frame or a Java class name: internals that must not reach a client. */
    static final Pattern INTERNALS = Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\bjava\\.(lang|io|util)\\.|com\\.fasterxml|dev\\.lakegate\\.");

    /** How a refusal must look: the route's own error format. */
    enum Format {
        ANTHROPIC, OPENAI_CHAT, OPENAI_RESPONSES, GEMINI,
        /** {@code {"error_code","message"}}: admin, Unity Catalog, SQL request errors and the dashboard API. */
        DATABRICKS,
        /** HTTP 200 with {@code status.state FAILED} and a non-internal {@code status.error}: a statement the SQL API refuses. */
        SQL_FAILED,
        /** {@code google.rpc.Status}, protobuf for a protobuf request, else JSON. */
        OTLP,
        /** Refused by the HTTP layer (Jetty's URI checks) before any route is known: any 4xx. */
        HTTP
    }

    /** One row of the corpus: what is sent, and the format of the refusal. */
    record Case(String name, String method, String path, Map<String, String> headers, byte[] body, Format format) {
        @Override
        public String toString() {
            return method + " " + path + ": " + name;
        }
    }

    /**
     * An agent route: its error format, a good body's fields after the opening brace, its output-limit field (a
     * {@code %s} for the value, with the trailing comma) and its conversation field.
     */
    record Surface(String path, Format format, String fields, String limit, String conversation) {}

    TestGateway gateway;
    String bob;
    List<Case> corpus;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start("max_request_bytes: " + MAX_REQUEST_BYTES);
        LakeClient lake = new LakeClient(gateway);
        bob = lake.user("bob");
        lake.otelTables("main", "telemetry", "cc", "bob");
        corpus = corpus();
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    // ---- the corpus ----

    /** Bodies no JSON route may take: each breaks JSON itself, or its limits. */
    static Map<String, byte[]> hostileJson() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("broken JSON", utf8("{\"model\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}"));
        bodies.put("not JSON", utf8("model=x&messages=hi"));
        bodies.put("top-level array", utf8("[{\"model\": \"x\"}]"));
        bodies.put("top-level 1e400", utf8("1e400"));
        bodies.put("10k nested arrays", utf8("[".repeat(10_000) + "]".repeat(10_000)));
        bodies.put("10k nested objects", utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        bodies.put("invalid UTF-8", concat(utf8("{\"model\": \""), new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28}, utf8("\"}")));
        bodies.put("NUL in a string", concat(utf8("{\"model\": \"a"), new byte[] {0}, utf8("b\"}")));
        bodies.put("over max_request_bytes", utf8("{\"model\": \"" + "a".repeat(MAX_REQUEST_BYTES + 1) + "\"}"));
        return bodies;
    }

    List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        Map<String, String> json = Map.of("content-type", "application/json");
        String claude = "\"model\":\"" + TestGateway.CLAUDE + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String gpt = "\"model\":\"" + TestGateway.GPT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String responses = "\"model\":\"" + TestGateway.GPT + "\",\"input\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String gemini = "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
        String g = "/gemini/v1beta/models/" + TestGateway.GEMINI;
        List<Surface> surfaces = List.of(
                new Surface("/anthropic/v1/messages", Format.ANTHROPIC, claude, "\"max_tokens\":%s,", "messages"),
                new Surface("/anthropic/v1/messages/count_tokens", Format.ANTHROPIC, claude, "\"max_tokens\":%s,", "messages"),
                new Surface("/openai/v1/chat/completions", Format.OPENAI_CHAT, gpt, "\"max_completion_tokens\":%s,", "messages"),
                new Surface("/cursor/v1/chat/completions", Format.OPENAI_CHAT, gpt.replace(TestGateway.GPT, TestGateway.CURSOR), "\"max_tokens\":%s,",
                        "messages"),
                new Surface("/openai/v1/responses", Format.OPENAI_RESPONSES, responses, "\"max_output_tokens\":%s,", "input"),
                new Surface("/codex/v1/responses", Format.OPENAI_RESPONSES, responses, "\"max_output_tokens\":%s,", "input"),
                new Surface(g + ":generateContent", Format.GEMINI, gemini, "\"generationConfig\":{\"maxOutputTokens\":%s},", "contents"),
                new Surface(g + ":streamGenerateContent?alt=sse", Format.GEMINI, gemini, "\"generationConfig\":{\"maxOutputTokens\":%s},", "contents"),
                new Surface(g + ":countTokens", Format.GEMINI, gemini, "\"generationConfig\":{\"maxOutputTokens\":%s},", "contents"),
                new Surface("/gemini/v1/models/" + TestGateway.GEMINI + ":generateContent", Format.GEMINI, gemini,
                        "\"generationConfig\":{\"maxOutputTokens\":%s},", "contents"));
        for (Surface a : surfaces) {
            String path = a.path();
            Format format = a.format();
            String good = "{" + a.fields();
            hostileJson().forEach((name, body) -> cases.add(new Case(name, "POST", path, json, body, format)));
            cases.add(new Case("empty body", "POST", path, json, new byte[0], format));
            String unlimited = a.fields().replace("\"max_tokens\":16,", "");
            for (String n : List.of(HUGE_INT, "1e400", "-1", "\"lots\"", "{\"a\":[1]}")) {
                cases.add(new Case("output limit " + n, "POST", path, json, utf8("{" + a.limit().formatted(n) + unlimited), format));
            }
            List<String> wrong = new ArrayList<>(List.of("{\"role\":7}", "[7]",
                    "[{\"role\":\"user\",\"" + (format == Format.GEMINI ? "parts" : "content") + "\":7}]"));
            if (format != Format.OPENAI_RESPONSES) {
                wrong.add("\"hi\""); // a Responses input may be a plain string
            }
            for (String items : wrong) {
                cases.add(new Case(a.conversation() + " " + items, "POST", path, json, utf8(good.replaceFirst("\"" + a.conversation() + "\":\\[.*]}$",
                        Matcher.quoteReplacement("\"" + a.conversation() + "\":" + items + "}"))), format));
            }
            if (format != Format.GEMINI) {
                for (String model : List.of("7", "1e400", "\"x\\r\\nX-Injected: 1\"", "\"../../etc/passwd\"", "\"a'; DROP TABLE x; --\"")) {
                    cases.add(new Case("model " + model, "POST", path, json, utf8(good.replaceFirst("\"model\":\"[^\"]+\"",
                            Matcher.quoteReplacement("\"model\":" + model))), format));
                }
            }
            cases.add(new Case("content type text/plain", "POST", path, Map.of("content-type", "text/plain"), utf8(good), format));
            cases.add(new Case("gzip content encoding", "POST", path, Map.of("content-type", "application/json", "content-encoding", "gzip"),
                    gzip(utf8(good)), format));
            cases.add(new Case("request tags not an object", "POST", path, Map.of("content-type", "application/json", "x-lakegate-request-tags", "[1e400]"),
                    utf8(good), format));
            cases.add(new Case("request tags 2k deep", "POST", path,
                    Map.of("content-type", "application/json", "x-lakegate-request-tags", "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)), utf8(good), format));
        }
        for (String model : List.of("x%0d%0aX-Injected:%201", "..%2F..%2Fetc", "%27%3B%20DROP%20TABLE%20x%3B--", "a%00b", "a%22b")) {
            cases.add(new Case("model in the path: " + model, "POST", "/gemini/v1beta/models/" + model + ":generateContent", json, utf8("{" + gemini),
                    httpLayer(model) ? Format.HTTP : Format.GEMINI));
        }

        // every JSON admin, budget and lake route, with every body no JSON route may take
        Gateway gw = gateway.gateway();
        List<ApiRoute> routes = new ArrayList<>(AdminApi.routes(gw.governance(), gw.endpoints(), (endpoint, table) -> {}));
        routes.addAll(BudgetApi.routes(gw.budgets()));
        routes.addAll(gw.lake().routes());
        for (ApiRoute r : routes) {
            if (r.method().equals("GET") || r.method().equals("DELETE")) {
                continue;
            }
            String path = r.pathTemplate().replace("{name}", TestGateway.CLAUDE).replaceAll("\\{[^}]+}", "x1");
            hostileJson().forEach((name, body) -> cases.add(new Case(name, r.method(), path, json, body, Format.DATABRICKS)));
        }
        // wrong types and huge numbers where the admin APIs read numbers
        String budget = "{\"name\":\"b1\",\"scope\":\"USER\",\"subject\":\"bob\",\"period\":\"DAY\",\"limit_usd\":%s}";
        for (String n : List.of("1e400", HUGE_INT + "e10", "-1", "\"ten\"", "[1]")) {
            cases.add(new Case("limit_usd " + n, "POST", "/api/2.0/budgets", json, utf8(budget.formatted(n)), Format.DATABRICKS));
        }
        cases.add(new Case("subject an injection", "POST", "/api/2.0/budgets", json,
                utf8(budget.formatted("1").replace("\"bob\"", "\"bob'; DROP TABLE budgets; --\"")), Format.DATABRICKS));
        for (String n : List.of(HUGE_INT, "1e400", "-5", "\"soon\"")) {
            cases.add(new Case("lifetime_seconds " + n, "POST", "/api/2.0/token/create", json, utf8("{\"comment\":\"c\",\"lifetime_seconds\":" + n + "}"),
                    Format.DATABRICKS));
            cases.add(new Case("calls " + n, "PUT", "/api/2.0/serving-endpoints/" + TestGateway.CLAUDE + "/ai-gateway", json,
                    utf8("{\"rate_limits\":[{\"key\":\"user\",\"calls\":" + n + "}]}"), Format.DATABRICKS));
        }
        cases.add(new Case("userName a number", "POST", "/api/2.0/preview/scim/v2/Users", Map.of("content-type", "application/scim+json"),
                utf8("{\"userName\":7}"), Format.DATABRICKS));
        cases.add(new Case("ACL a string", "PUT", "/api/2.0/permissions/serving-endpoints/" + TestGateway.CLAUDE, json,
                utf8("{\"access_control_list\":\"everyone\"}"), Format.DATABRICKS));
        cases.add(new Case("endpoint name a traversal", "GET", "/api/2.0/serving-endpoints/..%2F..%2Fetc", Map.of(), null, Format.HTTP));

        // SQL statements: request errors are 400s; statements that must not run are FAILED, never an internal error
        String sql = "{\"statement\":%s,\"wait_timeout\":\"30s\"}";
        cases.add(new Case("statement a number", "POST", "/api/2.0/sql/statements", json, utf8(sql.formatted("7")), Format.DATABRICKS));
        cases.add(new Case("wait_timeout 1e400s", "POST", "/api/2.0/sql/statements", json,
                utf8("{\"statement\":\"SELECT 1\",\"wait_timeout\":\"1e400s\"}"), Format.DATABRICKS));
        for (String statement : List.of(
                "SELECT * FROM main.telemetry.`x; DROP TABLE main.telemetry.cc_otel_metrics`",
                "SELECT 1; DROP TABLE main.telemetry.cc_otel_metrics",
                "SELECT * FROM main.telemetry.cc_otel_metrics WHERE metric_name = '' OR 1=1; DELETE FROM main.telemetry.cc_otel_metrics",
                "CREATE TABLE main.telemetry.t1 (x INT) LOCATION '../../../../etc'",
                "CREATE TABLE main.telemetry.t2 (x INT) LOCATION '/tmp/x/../../etc'",
                "CREATE TABLE main.telemetry.t3 (x INT) LOCATION 'file:/tmp/%2e%2e/etc'",
                "CREATE TABLE main.telemetry.t4 (x INT) LOCATION 'etc'",
                "CREATE SCHEMA main.`../../escape`",
                "CREATE TABLE main.telemetry.`a\u0000b` (x INT)",
                "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000),
                "SELECT " + "-".repeat(10_000) + "1")) {
            cases.add(new Case(statement.length() > 80 ? statement.substring(0, 40) + "…" : statement, "POST", "/api/2.0/sql/statements", json,
                    utf8(sql.formatted(TestGateway.JSON.writeValueAsString(statement))), Format.SQL_FAILED));
        }

        // Unity Catalog API: names with traversal, quotes, semicolons and NUL
        for (String name : List.of("main.telemetry.%27%3B%20DROP%20TABLE%20x", "main.%2E%2E.x", "main.telemetry.a%00b", "..%2F..%2Fetc.x.y",
                "main.telemetry." + "t".repeat(5_000))) {
            cases.add(new Case("table " + name.substring(0, Math.min(40, name.length())), "GET", "/api/2.1/unity-catalog/tables/" + name, Map.of(), null,
                    httpLayer(name) ? Format.HTTP : Format.DATABRICKS));
        }
        cases.add(new Case("schema_name a traversal", "GET", "/api/2.1/unity-catalog/tables?catalog_name=main&schema_name=..%2F..", Map.of(), null,
                Format.DATABRICKS));

        // OTLP: protobuf and JSON
        String otlp = "/api/2.0/otel/v1/metrics";
        Map<String, String> pb = Map.of("content-type", PROTOBUF, "x-databricks-uc-table-name", METRICS);
        Map<String, String> oj = Map.of("content-type", "application/json", "x-databricks-uc-table-name", METRICS);
        cases.add(new Case("invalid protobuf", "POST", otlp, pb, utf8("not protobuf at all"), Format.OTLP));
        cases.add(new Case("absurd declared length", "POST", otlp, pb, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1, 2},
                Format.OTLP));
        cases.add(new Case("absurd nested length", "POST", otlp, pb,
                new byte[] {0x0a, 0x06, 0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}, Format.OTLP));
        byte[] groups = new byte[10_000];
        Arrays.fill(groups, (byte) 0x0b); // field 1, start group: 10k groups opened inside each other
        cases.add(new Case("10k nested groups", "POST", otlp, pb, groups, Format.OTLP));
        cases.add(new Case("gzip bomb", "POST", otlp, with(pb, "content-encoding", "gzip"), gzipZeros(256 << 20), Format.OTLP));
        cases.add(new Case("gzip claimed, plain sent", "POST", otlp, with(pb, "content-encoding", "gzip"), utf8("plain"), Format.OTLP));
        cases.add(new Case("content encoding br", "POST", otlp, with(pb, "content-encoding", "br"), new byte[0], Format.OTLP));
        cases.add(new Case("content type text/plain", "POST", otlp, with(pb, "content-type", "text/plain"), new byte[0], Format.OTLP));
        cases.add(new Case("over max_request_bytes", "POST", otlp, pb, new byte[MAX_REQUEST_BYTES + 1], Format.OTLP));
        Map<String, String> noTable = Map.of("content-type", PROTOBUF);
        cases.add(new Case("no table header", "POST", otlp, noTable, new byte[0], Format.OTLP));
        for (String table : List.of("main.telemetry", "main.telemetry.x'; DROP TABLE y; --", "../../etc.passwd.x", "main.telemetry.nope",
                "main..x", "main.telemetry." + "t".repeat(4_000), "main.telemetry.a\u00e9")) {
            cases.add(new Case("table header " + table.substring(0, Math.min(40, table.length())), "POST", otlp,
                    with(noTable, "x-databricks-uc-table-name", table), new byte[0], Format.OTLP));
        }
        hostileJson().forEach((name, body) -> cases.add(new Case(name, "POST", otlp, oj, body, Format.OTLP)));
        cases.add(new Case("timeUnixNano 1e400", "POST", otlp, oj, utf8("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\","
                + "\"sum\":{\"dataPoints\":[{\"timeUnixNano\":1e400,\"asDouble\":1}]}}]}]}]}"), Format.OTLP));
        cases.add(new Case("resourceMetrics a number", "POST", otlp, oj, utf8("{\"resourceMetrics\": " + HUGE_INT + "}"), Format.OTLP));

        // dashboard API: the sign-in route reads a JSON body without a session
        Map<String, String> signIn = Map.of("content-type", "application/json", "origin", gateway.baseUrl().toString());
        hostileJson().forEach((name, body) -> cases.add(new Case(name, "POST", "/ui/api/session", signIn, body, Format.DATABRICKS)));
        cases.add(new Case("empty body", "POST", "/ui/api/session", signIn, new byte[0], Format.DATABRICKS));
        cases.add(new Case("token a number", "POST", "/ui/api/session", signIn, utf8("{\"token\":" + HUGE_INT + "}"), Format.DATABRICKS));
        return cases;
    }

    // ---- the assertions ----

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyBadInputIsA4xxInTheRoutesOwnFormat() {
        return corpus.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            HttpRequest.Builder b = gateway.request(c.path(), c.path().startsWith("/ui/") ? null : c.path().contains("/otel/") ? bob : gateway.adminToken(), null)
                    .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
            c.headers().forEach(b::header);
            // a body over the limit is refused on its declared length: with 100-continue, as curl sends large bodies, the
            // refusal arrives before the client sends it (otherwise the connection closes while the client still writes)
            b.expectContinue(c.body() != null && c.body().length > MAX_REQUEST_BYTES);
            HttpResponse<byte[]> r = gateway.sendBytes(b.build());
            String text = new String(r.body(), StandardCharsets.UTF_8);
            if (c.format() == Format.SQL_FAILED) {
                assertThat(r.statusCode()).as("%s: %s", c, text).isEqualTo(200);
                JsonNode status = TestGateway.JSON.readTree(r.body()).path("status");
                assertThat(status.path("state").asText()).as("%s: %s", c, text).isEqualTo("FAILED");
                assertThat(status.path("error").path("error_code").asText()).as("%s: %s", c, text).isNotEmpty().isNotEqualTo("INTERNAL_ERROR");
            } else {
                assertThat(r.statusCode()).as("%s: %s", c, text).isBetween(400, 499);
                assertFormat(c, r, text);
            }
            assertThat(r.headers().map().keySet()).as("%s: no injected header", c).doesNotContain("x-injected");
            assertThat(text).as("%s: no secret", c).doesNotContain(gateway.adminToken(), bob, ScriptedCredential.KEY);
            assertThat(INTERNALS.matcher(text).find()).as("%s: no stack trace or class name in %s", c, text).isFalse();
        }));
    }

    private void assertFormat(Case c, HttpResponse<byte[]> r, String text) throws Exception {
        if (c.format() != Format.HTTP) {
            assertThat(r.headers().firstValue("content-type").orElse("")).as("%s: %s", c, text).startsWith(
                    c.format() == Format.OTLP && c.headers().get("content-type").equals(PROTOBUF) ? PROTOBUF : "application/json");
        }
        switch (c.format()) {
            case ANTHROPIC, OPENAI_CHAT, OPENAI_RESPONSES, GEMINI -> {
                ClientDialect.of(WireProtocol.valueOf(c.format().name())).error(r.statusCode(), TestGateway.JSON.readTree(r.body()));
                RequestRecord record = gateway.recordOf(r); // logged: the request log line and the usage row come from this record
                assertThat(record.statusCode()).as("%s recorded status", c).isEqualTo(r.statusCode());
                assertThat(record.errorType()).as("%s recorded error type", c).isNotNull();
            }
            case DATABRICKS, SQL_FAILED -> {
                JsonNode error = TestGateway.JSON.readTree(r.body());
                assertThat(error.path("error_code").asText()).as("%s: %s", c, text).isNotEmpty();
                assertThat(error.path("message").asText()).as("%s: %s", c, text).isNotEmpty();
            }
            case OTLP -> assertThat(OtlpStatus.read(r).code()).as("%s: a google.rpc.Status in %s", c, text).isPositive();
            case HTTP -> { } // the status is all the HTTP layer owes
        }
    }

    /** A header injected through an echoed or forwarded value never splits a request or an answer. */
    @Test
    @Order(2)
    void headerInjectionNeverSplitsARequestOrAnAnswer() throws Exception {
        String claude = "{\"model\":\"" + TestGateway.CLAUDE + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        int before = gateway.scripted().requests().size();
        for (String header : List.of("anthropic-beta: a\r\n X-Injected: 1", "anthropic-beta: a\rX-Injected: 1", "anthropic-beta: a\u0000b", "x-lakegate-request-tags: {\"a\":\"b\r\nX-Injected: 1\"}")) {
            String answer = raw("POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + gateway.adminToken()
                    + "\r\nContent-Type: application/json\r\n" + header + "\r\nContent-Length: " + claude.length() + "\r\nConnection: close\r\n\r\n" + claude);
            int status = Integer.parseInt(answer.substring(9, 12));
            assertThat(status).as("%s: %s", header, answer).isBetween(400, 499);
            assertThat(answer.toLowerCase()).as(header).doesNotContain("\r\nx-injected").containsOnlyOnce("http/1.1 ");
        }
        assertThat(gateway.scripted().requests()).as("nothing reached the upstream").hasSize(before);
    }

    /** After the whole corpus: ready, a good request on every surface works, and OTLP refusals were counted. */
    @Test
    @Order(3)
    void theGatewayIsStillHealthyAndCountedTheRefusals() throws Exception {
        assertThat(gateway.send(gateway.request("/readyz", null, null).GET().build()).statusCode()).isEqualTo(200);
        HttpResponse<String> ok = gateway.post("/anthropic/v1/messages",
                utf8("{\"model\":\"" + TestGateway.CLAUDE + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), bob,
                "application/json");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(gateway.recordOf(ok).statusCode()).isEqualTo(200);
        HttpResponse<String> gemini = gateway.post("/gemini/v1beta/models/" + TestGateway.GEMINI + ":generateContent",
                utf8("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"), bob, "application/json");
        assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(200);
        String metrics = gateway.send(gateway.request("/metrics", null, null).GET().build()).body();
        assertThat(metrics).contains("lakegate_otlp_exports_total{signal=\"metrics\",status=\"400\"}",
                "lakegate_otlp_exports_total{signal=\"metrics\",status=\"413\"}", "lakegate_otlp_exports_total{signal=\"metrics\",status=\"415\"}");
        assertThat(new LakeClient(gateway).admin("SELECT count(*) FROM " + METRICS)).as("no injection dropped or emptied a table").hasSize(1);
    }

    // ---- helpers ----

    /** Encoded separators and control characters in a path: Jetty's URI checks refuse them (400) before any route. */
    private static boolean httpLayer(String path) {
        return Pattern.compile("%(2F|00|0d|0a)", Pattern.CASE_INSENSITIVE).matcher(path).find();
    }

    /** One request over a plain socket (the JDK client refuses CR, LF and NUL in header values); the whole answer. */
    private String raw(String request) throws IOException {
        try (Socket s = new Socket(gateway.baseUrl().getHost(), gateway.baseUrl().getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put(name, value);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** {@code bytes} zeros, gzipped: a few hundred KB on the wire. */
    private static byte[] gzipZeros(int bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 20];
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (int left = bytes; left > 0; left -= chunk.length) {
                gz.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
        return out.toByteArray();
    }
}
