package dev.lakegate.server.governance.budgets;

import static dev.lakegate.server.governance.budgets.BudgetGatewayClient.micros;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Budgets enforced by a running gateway: concurrency, every way a request ends, each surface's refusal, the admin API. */
class BudgetsGatewayTest {
    private static TestGateway gw;
    private static BudgetGatewayClient client;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start("", BudgetGatewayClient.PRICED_ENDPOINTS);
        client = new BudgetGatewayClient(gw);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gw.close();
    }

    @BeforeEach
    void reset() {
        gw.scripted().clearScripts();
    }

    @Test
    void fiftyParallelTurnsAgainstRoomForTenAdmitTenAndSpendExactlyWhatTheirRecordsCost() throws Exception {
        String token = client.user("par");
        client.create("par-daily", "USER", "par", "0.01056"); // 10 estimates of 1006 and 500 to spare
        List<HttpResponse<String>> admitted = new ArrayList<>();
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> turn : client.parallelTurns(token, 50, 3_000)) {
            HttpResponse<String> r = turn.get();
            (r.statusCode() == 200 ? admitted : refused).add(r);
        }
        assertThat(admitted).hasSize(10);
        assertThat(refused).hasSize(40).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(TestGateway.JSON.readTree(r.body()).path("error").path("message").asText())
                    .startsWith("Budget \"par-daily\" (user par, $0.01056 per day) is spent: $0.00 used, $0.01006 held by requests in progress,"
                            + " and this request's estimated $0.001006 does not fit in the $0.0005 left; it resets at ");
        });
        JsonNode window = client.settled("par-daily");
        assertThat(micros(window.path("spent_usd"))).isEqualTo(client.recordedMicros(admitted)).isEqualTo(10 * 15);
        assertThat(client.recordedMicros(refused)).isZero();
    }

    @Test
    void everyWayARequestEndsGivesItsHoldBackAndChargesWhatItCost() throws Exception {
        String token = client.user("err");
        client.create("err-daily", "USER", "err", "1");
        List<RequestRecord> records = new ArrayList<>();

        gw.scripted().enqueue(Script.error(500, "the model fell over").withUsage(BudgetGatewayClient.TURN_USAGE));
        HttpResponse<String> failed = client.turn(token);
        assertThat(failed.statusCode()).isEqualTo(500);
        records.add(gw.recordOf(failed));
        assertThat(client.settled("err-daily").path("spent_usd").asDouble()).as("an error answer costs nothing").isZero();

        HttpResponse<String> unreachable = gw.post("/anthropic/v1/messages", BudgetGatewayClient.TURN.replace("priced", "priced-down")
                .getBytes(StandardCharsets.UTF_8), token, "application/json");
        assertThat(unreachable.statusCode()).isEqualTo(503);
        records.add(gw.recordOf(unreachable));
        client.settled("err-daily");

        String requestId = hangUpMidStream(token);
        RequestRecord cut = gw.awaitRecord(requestId);
        assertThat(cut.clientDisconnected()).isTrue();
        records.add(cut);
        JsonNode window = client.settled("err-daily");
        assertThat(micros(window.path("spent_usd"))).as("the cut answer is charged what it used")
                .isEqualTo(records.stream().mapToLong(r -> Usd.micros(r.costUsd())).sum())
                .isEqualTo(Usd.micros(cut.costUsd())).isPositive();
    }

    /** A streamed turn whose agent reads three events and hangs up; its request id. */
    private static String hangUpMidStream(String token) throws Exception {
        gw.scripted().enqueue(Script.text("A long answer that the agent will not wait for, streamed slowly in pieces.").withEventDelayMs(300)
                .withUsage(new Usage(2_000, 900, 0, 0, 0, false)));
        byte[] body = BudgetGatewayClient.TURN.replace("{\"model\"", "{\"stream\":true,\"model\"").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", gw.baseUrl().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /anthropic/v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            String requestId = null;
            for (String header; (header = in.readLine()) != null && !header.isEmpty(); ) {
                if (header.regionMatches(true, 0, "x-request-id:", 0, 13)) {
                    requestId = header.substring(13).trim();
                }
            }
            int events = 0;
            for (String line; events < 3 && (line = in.readLine()) != null; ) {
                events += line.startsWith("data:") ? 1 : 0;
            }
            return requestId;
        }
    }

    @Test
    void aSpentBudgetIsRefusedInEachSurfacesOwnNonRetryableShapeNamingTheBudgetAndItsReset() throws Exception {
        String token = client.user("broke");
        int upstreamCalls = gw.scripted().requests().size();
        client.create("broke-daily", "USER", "broke", "0.00002");
        gw.scripted().enqueue(Script.text("ok").withUsage(new Usage(20, 5, 0, 0, 0, false)));
        String small = "{\"model\":\"priced\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"; // 7 micro-dollars held
        assertThat(gw.post("/anthropic/v1/messages", small.getBytes(StandardCharsets.UTF_8), token, "application/json").statusCode()).isEqualTo(200);
        client.settled("broke-daily");
        String message = "Budget \"broke-daily\" (user broke, $0.00002 per day) is spent: $0.000025 used; it resets at "
                + BudgetPeriod.DAY.windowAt(Instant.now()).end() + ".";

        HttpResponse<String> anthropic = gw.post("/anthropic/v1/messages?beta=true", small.replaceFirst("\\{", "{\"stream\":true,")
                .getBytes(StandardCharsets.UTF_8), token, "application/json");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(anthropic.headers().firstValue("x-should-retry")).contains("false");
        JsonNode a = TestGateway.JSON.readTree(anthropic.body());
        assertThat(a.path("type").asText()).isEqualTo("error");
        assertThat(a.path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(a.path("error").path("message").asText()).isEqualTo(message);

        for (String[] openAi : new String[][] {{"/openai/v1/chat/completions", small}, {"/codex/v1/responses",
                "{\"model\":\"priced\",\"stream\":true,\"max_output_tokens\":1,\"input\":\"hi\"}"}}) {
            HttpResponse<String> r = gw.post(openAi[0], openAi[1].getBytes(StandardCharsets.UTF_8), token, "application/json");
            assertThat(r.statusCode()).as(openAi[0]).isEqualTo(403);
            JsonNode error = TestGateway.JSON.readTree(r.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
            assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
            assertThat(error.path("message").asText()).isEqualTo(message);
        }

        HttpResponse<String> gemini = gw.post("/gemini/v1beta/models/priced:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"maxOutputTokens\":1}}"
                        .getBytes(StandardCharsets.UTF_8), token, "application/json");
        assertThat(gemini.statusCode()).isEqualTo(403);
        JsonNode g = TestGateway.JSON.readTree(gemini.body()).path("error");
        assertThat(g.path("code").asInt()).isEqualTo(403);
        assertThat(g.path("status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(g.path("message").asText()).isEqualTo(message);

        RequestRecord record = gw.recordOf(gemini);
        assertThat(record.statusCode()).isEqualTo(403);
        assertThat(record.errorType()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(record.destinationProvider()).as("no upstream was tried").isNull();
        assertThat(gw.scripted().requests()).as("only the first turn reached the model").hasSize(upstreamCalls + 1);
        HttpResponse<String> count = gw.post("/anthropic/v1/messages/count_tokens", small.getBytes(StandardCharsets.UTF_8), token,
                "application/json");
        assertThat(count.statusCode()).as("counting tokens costs nothing").isEqualTo(200);
    }

    @Test
    void adminsManageBudgetsThroughTheApi() throws Exception {
        client.user("carol");
        JsonNode created = client.create("carol-daily", "user", "CAROL", "25");
        assertThat(created.path("subject").asText()).isEqualTo("carol");
        assertThat(created.path("scope").asText()).isEqualTo("USER");
        assertThat(created.path("limit_usd").asDouble()).isEqualTo(25.0);
        assertThat(created.path("created_by").asText()).isEqualTo("admin");
        assertThat(created.path("current_window").path("resets_at").asText()).isEqualTo(BudgetPeriod.DAY.windowAt(Instant.now()).end().toString());
        assertThat(created.path("current_window").path("remaining_usd").asDouble()).isEqualTo(25.0);

        assertError(client.admin("POST", "/api/2.0/budgets", "{\"name\":\"x\",\"scope\":\"TEAM\",\"subject\":\"a\",\"period\":\"DAY\",\"limit_usd\":1}"),
                400, "INVALID_PARAMETER_VALUE", "\"scope\" must be one of USER, SERVICE_PRINCIPAL, GROUP, ENDPOINT");
        assertError(client.admin("POST", "/api/2.0/budgets", "{\"name\":\"x\",\"scope\":\"GROUP\",\"subject\":\"a\",\"period\":\"DAY\",\"limit\":1}"),
                400, "INVALID_PARAMETER_VALUE", "unknown field \"limit\"");
        assertError(client.admin("POST", "/api/2.0/budgets", "{\"name\":\"Carol-Daily\",\"scope\":\"GROUP\",\"subject\":\"a\",\"period\":\"DAY\",\"limit_usd\":1}"),
                409, "RESOURCE_ALREADY_EXISTS", "already exists");
        assertError(client.admin("PATCH", "/api/2.0/budgets/carol-daily", "{\"period\":\"MONTH\"}"), 400, "INVALID_PARAMETER_VALUE",
                "delete it and create it again");
        assertError(client.admin("GET", "/api/2.0/budgets/nope", null), 404, "RESOURCE_DOES_NOT_EXIST", "no budget named 'nope'");
        HttpResponse<String> notAdmin = gw.send(gw.request("/api/2.0/budgets", client.user("dave"), null).GET().build());
        assertThat(notAdmin.statusCode()).isEqualTo(403);

        HttpResponse<String> patched = client.admin("PATCH", "/api/2.0/budgets/CAROL-DAILY", "{\"limit_usd\": \"12.50\"}");
        assertThat(TestGateway.JSON.readTree(patched.body()).path("limit_usd").asDouble()).isEqualTo(12.5);
        JsonNode list = TestGateway.JSON.readTree(client.admin("GET", "/api/2.0/budgets", null).body());
        assertThat(list.path("budgets").findValuesAsText("name")).contains("carol-daily");
        assertThat(client.admin("DELETE", "/api/2.0/budgets/carol-daily", null).statusCode()).isEqualTo(200);
        assertThat(client.admin("GET", "/api/2.0/budgets/carol-daily", null).statusCode()).isEqualTo(404);
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = TestGateway.JSON.readTree(r.body());
        assertThat(error.path("error_code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(message);
    }
}
