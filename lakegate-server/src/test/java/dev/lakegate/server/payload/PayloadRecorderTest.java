package dev.lakegate.server.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.server.governance.Bootstrap;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.provider.ScriptedCredential;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests through a real gateway whose endpoints have inference tables, each read back from its Delta table and
 * checked column by column (SPEC §4): unary answers as sent, streams assembled into the agent's protocol's final
 * response, errors, sampling, the 10 MiB limits and redaction.
 */
class PayloadRecorderTest {
    private static final String AGENTS = "main.payloads.agents_payload";
    private static final String SAMPLED = "main.payloads.sampled_payload";
    private static final long SEED = 20_261_101L;
    private static final int MIB = 1024 * 1024;

    private static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        TestGateway first = TestGateway.start();
        LakeClient lake = new LakeClient(first);
        lake.admin("CREATE CATALOG main");
        lake.admin("CREATE SCHEMA main.payloads");
        gw = first.restart("""
                  - {name: logged-claude, destinations: [{provider: scripted, model: claude-sonnet-4-5}],
                     inference_table_config: {catalog_name: main, schema_name: payloads, table_name_prefix: agents}}
                  - {name: logged-gpt, destinations: [{provider: scripted, model: gpt-5}],
                     inference_table_config: {catalog_name: main, schema_name: payloads, table_name_prefix: agents}}
                  - {name: logged-gemini, destinations: [{provider: scripted, model: gemini-2.5-pro}],
                     inference_table_config: {catalog_name: main, schema_name: payloads}}
                  - {name: translated, destinations: [{provider: responses-only, model: gpt-5-mini}],
                     inference_table_config: {catalog_name: main, schema_name: payloads, table_name_prefix: agents}}
                  - {name: redacted, usage_tracking: false, destinations: [{provider: scripted, model: gpt-5}],
                     inference_table_config: {catalog_name: main, schema_name: payloads, table_name_prefix: agents,
                       redact_patterns: ["ticket-[0-9]{4}", "(?i)internal-host-\\\\w+"]}}
                  - {name: half, destinations: [{provider: scripted, model: gpt-5}],
                     inference_table_config: {catalog_name: main, schema_name: payloads, table_name_prefix: sampled, sampling_fraction: 0.5}}
                  - {name: never, destinations: [{provider: scripted, model: gpt-5}],
                     inference_table_config: {catalog_name: main, schema_name: payloads, table_name_prefix: sampled, sampling_fraction: 0}}
                  - {name: always, destinations: [{provider: scripted, model: gpt-5}],
                     inference_table_config: {catalog_name: main, schema_name: payloads, table_name_prefix: sampled}}
                  - {name: switched-off, destinations: [{provider: scripted, model: gpt-5}],
                     inference_table_config: {catalog_name: main, schema_name: payloads, enabled: false}}
                """, """
                  - {name: responses-only, type: scripted, protocols: [openai.responses]}
                """, "lake: {commit_interval_ms: 100}", new Random(SEED)::nextDouble);
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @BeforeEach
    void reset() {
        gw.scripted().clearScripts();
    }

    @Test
    void anthropicMessagesUnaryAsSentAndStreamAssembledIntoTheMessage() throws Exception {
        String unaryBody = "{\"model\":\"logged-claude\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}";
        gw.scripted().enqueue(Script.text("Hi there.").withModel("claude-sonnet-4-5"));
        Instant before = Instant.now();
        HttpResponse<String> unary = send(post("/anthropic/v1/messages", unaryBody).header("anthropic-version", "2023-06-01"));
        assertThat(unary.statusCode()).as(unary.body()).isEqualTo(200);
        Map<String, Object> row = row(AGENTS, unary);
        assertRow(row, unary, before, "logged-claude", "claude-sonnet-4-5", 1.0);
        assertThat(row.get("request")).isEqualTo(unaryBody);
        assertThat(row.get("response")).isEqualTo(unary.body());
        assertThat(row.get("logging_error_codes")).isEqualTo(List.of());

        String streamBody = unaryBody.replace("{\"model\"", "{\"stream\":true,\"model\"");
        gw.scripted().enqueue(Script.text("Hello from the lake.").withThinking("Greet them.", "sig-1").withModel("claude-sonnet-4-5"));
        HttpResponse<String> stream = send(post("/anthropic/v1/messages?beta=true", streamBody).header("anthropic-version", "2023-06-01"));
        assertThat(stream.body()).contains("event: message_stop");
        row = row(AGENTS, stream);
        assertRow(row, stream, before, "logged-claude", "claude-sonnet-4-5", 1.0);
        assertThat(row.get("request")).isEqualTo(streamBody);
        JsonNode message = json(row.get("response"));
        assertThat(message.path("id").asText()).isEqualTo(between(stream.body(), "\"id\":\"", "\""));
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(message.path("content").toString()).isEqualTo(
                "[{\"type\":\"thinking\",\"thinking\":\"Greet them.\",\"signature\":\"sig-1\"},{\"type\":\"text\",\"text\":\"Hello from the lake.\"}]");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.path("usage").path("output_tokens").asLong()).isPositive();
        assertThat(row.get("logging_error_codes")).isEqualTo(List.of());
    }

    @Test
    void chatCompletionsStreamIsStoredAsTheChatCompletion() throws Exception {
        String body = "{\"model\":\"logged-gpt\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}";
        gw.scripted().enqueue(Script.text("Hi from chat.").withModel("gpt-5"));
        Instant before = Instant.now();
        HttpResponse<String> stream = send(post("/openai/v1/chat/completions", body));
        assertThat(stream.body()).contains("data: [DONE]");
        Map<String, Object> row = row(AGENTS, stream);
        assertRow(row, stream, before, "logged-gpt", "gpt-5", 1.0);
        assertThat(row.get("request")).isEqualTo(body);
        JsonNode completion = json(row.get("response"));
        assertThat(completion.path("id").asText()).isEqualTo(between(stream.body(), "\"id\":\"", "\""));
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("created").asLong()).isEqualTo(((Instant) row.get("request_time")).getEpochSecond());
        assertThat(completion.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hi from chat.");
        assertThat(completion.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");

        String unaryBody = "{\"model\":\"logged-gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"again\"}]}";
        gw.scripted().enqueue(Script.text("Unary chat.").withModel("gpt-5"));
        HttpResponse<String> unary = send(post("/openai/v1/chat/completions", unaryBody));
        row = row(AGENTS, unary);
        assertRow(row, unary, before, "logged-gpt", "gpt-5", 1.0);
        assertThat(row.get("response")).isEqualTo(unary.body());
    }

    @Test
    void responsesStreamIsStoredAsTheResponseObjectWithTheClientRequestId() throws Exception {
        String body = "{\"model\":\"logged-gpt\",\"stream\":true,\"input\":\"say hi\"}";
        gw.scripted().enqueue(Script.text("Hi from Responses.").withModel("gpt-5"));
        Instant before = Instant.now();
        HttpResponse<String> stream = send(post("/codex/v1/responses", body).header("x-client-request-id", "01a21ec7-4d46-7ad2"));
        assertThat(stream.body()).contains("response.completed");
        Map<String, Object> row = row(AGENTS, stream);
        assertRow(row, stream, before, "logged-gpt", "gpt-5", 1.0, "01a21ec7-4d46-7ad2");
        assertThat(row.get("request")).isEqualTo(body);
        JsonNode response = json(row.get("response"));
        assertThat(response.path("object").asText()).isEqualTo("response");
        assertThat(response.path("id").asText()).startsWith("resp");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        JsonNode message = response.path("output").get(0);
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Hi from Responses.");

        String unaryBody = "{\"model\":\"logged-gpt\",\"input\":\"again\"}";
        gw.scripted().enqueue(Script.text("Unary Responses.").withModel("gpt-5"));
        HttpResponse<String> unary = send(post("/openai/v1/responses", unaryBody));
        row = row(AGENTS, unary);
        assertRow(row, unary, before, "logged-gpt", "gpt-5", 1.0);
        assertThat(row.get("response")).isEqualTo(unary.body());
    }

    @Test
    void geminiStreamsInBothFramingsAreStoredAsTheGenerateContentResponse() throws Exception {
        String table = "main.payloads.logged_gemini_payload"; // the default prefix: the endpoint name
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"say hi\"}]}]}";
        Instant before = Instant.now();
        for (String path : List.of("/gemini/v1beta/models/logged-gemini:streamGenerateContent?alt=sse",
                "/gemini/v1beta/models/logged-gemini:streamGenerateContent")) {
            gw.scripted().enqueue(Script.text("Hi from Gemini.").withModel("gemini-2.5-pro"));
            HttpResponse<String> stream = send(post(path, body));
            assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
            Map<String, Object> row = row(table, stream);
            assertRow(row, stream, before, "logged-gemini", "gemini-2.5-pro", 1.0);
            assertThat(row.get("request")).isEqualTo(body);
            JsonNode response = json(row.get("response"));
            assertThat(response.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText()).as(path)
                    .isEqualTo("Hi from Gemini.");
            assertThat(response.path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
            assertThat(response.path("usageMetadata").path("candidatesTokenCount").asLong()).isPositive();
        }
        gw.scripted().enqueue(Script.text("Unary Gemini.").withModel("gemini-2.5-pro"));
        HttpResponse<String> unary = send(post("/gemini/v1beta/models/logged-gemini:generateContent", body));
        Map<String, Object> row = row(table, unary);
        assertRow(row, unary, before, "logged-gemini", "gemini-2.5-pro", 1.0);
        assertThat(row.get("response")).isEqualTo(unary.body());
    }

    @Test
    void aTranslatedStreamIsStoredInTheAgentsProtocol() throws Exception {
        String body = "{\"model\":\"translated\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}";
        gw.scripted().enqueue(Script.text("Translated hi.").withModel("gpt-5-mini"));
        Instant before = Instant.now();
        HttpResponse<String> stream = send(post("/anthropic/v1/messages", body));
        assertThat(stream.body()).contains("event: message_stop");
        Map<String, Object> row = row(AGENTS, stream);
        assertRow(row, stream, before, "translated", "gpt-5-mini", 1.0);
        JsonNode message = json(row.get("response"));
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"Translated hi.\"}]");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void anUpstreamErrorIsStoredWithItsStatus() throws Exception {
        String body = "{\"model\":\"logged-gpt\",\"stream\":true,\"input\":\"say hi\"}";
        gw.scripted().enqueue(Script.error(529, "Overloaded for the test").withModel("gpt-5"));
        Instant before = Instant.now();
        HttpResponse<String> error = send(post("/openai/v1/responses", body));
        assertThat(error.statusCode()).isEqualTo(529);
        Map<String, Object> row = row(AGENTS, error);
        assertRow(row, error, before, "logged-gpt", "gpt-5", 1.0);
        assertThat(row.get("status_code")).isEqualTo(529);
        assertThat(row.get("response")).isEqualTo(error.body());
        assertThat((String) row.get("response")).contains("Overloaded for the test");
        assertThat(row.get("logging_error_codes")).isEqualTo(List.of());
    }

    @Test
    void samplingRecordsTheSeededShareOfRequests() throws Exception {
        Random expected = new Random(SEED); // the gateway draws from the same sequence, once per request of "half"
        Set<String> sampled = new HashSet<>();
        List<String> all = new ArrayList<>();
        String body = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        for (int i = 0; i < 16; i++) {
            String id = requestId(send(post("/openai/v1/chat/completions", body.formatted("half"))));
            all.add(id);
            if (expected.nextDouble() < 0.5) {
                sampled.add(id);
            }
        }
        assertThat(sampled).as("the seed samples some but not all").isNotEmpty().hasSizeLessThan(all.size());
        String never = requestId(send(post("/openai/v1/chat/completions", body.formatted("never"))));
        assertThat(gw.awaitRecord(never).payload()).as("fraction 0 captures nothing").isNull();
        String marker = requestId(send(post("/openai/v1/chat/completions", body.formatted("always"))));
        Map<String, Object> markerRow = rowWhere(SAMPLED, marker);
        assertThat(markerRow.get("sampling_fraction")).isEqualTo(1.0);
        // One recorder writes the table in order: once the last request's row is in, every earlier one is.
        Map<Object, List<Map<String, Object>>> byEndpoint = rows(SAMPLED).stream()
                .collect(Collectors.groupingBy(r -> r.get("endpoint_name")));
        assertThat(byEndpoint).doesNotContainKey("never");
        assertThat(byEndpoint.get("half")).extracting(r -> r.get("request_id")).containsExactlyInAnyOrderElementsOf(sampled);
        assertThat(byEndpoint.get("half")).extracting(r -> r.get("sampling_fraction")).containsOnly(0.5);
    }

    @Test
    void aStreamCutShortIsStoredAsSentWithItsErrorCode() throws Exception {
        String body = "{\"model\":\"logged-claude\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        gw.scripted().enqueue(Script.text("This answer will not finish.").withFailAfterEvents(3).withModel("claude-sonnet-4-5"));
        Instant before = Instant.now();
        HttpResponse<String> stream = send(post("/anthropic/v1/messages", body));
        assertThat(stream.body()).contains("event: error");
        Map<String, Object> row = row(AGENTS, stream);
        assertRow(row, stream, before, "logged-claude", "claude-sonnet-4-5", 1.0);
        assertThat(row.get("response")).isEqualTo(stream.body());
        assertThat(row.get("logging_error_codes")).isEqualTo(List.of("STREAM_ASSEMBLY_FAILED"));
    }

    @Test
    void tokenCountsAndSwitchedOffTablesRecordNothing() throws Exception {
        HttpResponse<String> count = send(post("/anthropic/v1/messages/count_tokens",
                "{\"model\":\"logged-claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        assertThat(gw.recordOf(count).payload()).isNull();
        HttpResponse<String> off = send(post("/openai/v1/chat/completions",
                "{\"model\":\"switched-off\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(gw.recordOf(off).payload()).isNull();
        assertThat(gw.gateway().lake().catalog().getTable(TableName.parse("main.payloads.switched_off_payload"))).isEmpty();
    }

    @Test
    void aRequestOverTenMebibytesIsNotStored() throws Exception {
        String body = "{\"model\":\"logged-gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "a".repeat(10 * MIB) + "\"}]}";
        gw.scripted().enqueue(Script.text("That is long.").withModel("gpt-5"));
        Instant before = Instant.now();
        HttpResponse<String> response = send(post("/openai/v1/chat/completions", body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> row = row(AGENTS, response);
        assertRow(row, response, before, "logged-gpt", "gpt-5", 1.0);
        assertThat(row.get("request")).isNull();
        assertThat(row.get("response")).isEqualTo(response.body());
        assertThat(row.get("logging_error_codes")).isEqualTo(List.of("MAX_REQUEST_SIZE_EXCEEDED"));
    }

    @Test
    void anAnswerOverTenMebibytesIsNotStored() throws Exception {
        String body = "{\"model\":\"logged-gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"write a lot\"}]}";
        gw.scripted().enqueue(Script.text("b".repeat(10 * MIB)).withModel("gpt-5"));
        Instant before = Instant.now();
        HttpResponse<String> response = send(post("/openai/v1/chat/completions", body));
        assertThat(response.body().length()).isGreaterThan(10 * MIB);
        Map<String, Object> row = row(AGENTS, response);
        assertRow(row, response, before, "logged-gpt", "gpt-5", 1.0);
        assertThat(row.get("request")).isEqualTo(body);
        assertThat(row.get("response")).isNull();
        assertThat(row.get("logging_error_codes")).isEqualTo(List.of("MAX_RESPONSE_SIZE_EXCEEDED"));
    }

    @Test
    void credentialsAndConfiguredPatternsAreRedactedFromRequestAndAnswer() throws Exception {
        String token = gw.createToken("pasted by mistake", null).secret();
        String anthropicKey = "sk-ant-api03-" + "Q".repeat(40);
        String googleKey = "AIza" + "x".repeat(35);
        String prompt = "my token is " + token + ", the provider key " + ScriptedCredential.KEY + ", curl -H 'x-api-key: " + anthropicKey
                + "' -H 'Authorization: Bearer abcdefghijklmnop0123' on INTERNAL-HOST-db7 about ticket-1234 with " + googleKey
                + "; Bearer authentication is fine";
        String body = "{\"model\":\"redacted\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        gw.scripted().enqueue(Script.text("Noted " + anthropicKey + " for ticket-9876.").withModel("gpt-5"));
        Instant before = Instant.now();
        HttpResponse<String> response = send(post("/openai/v1/chat/completions", body).header("x-client-request-id", "ticket-0001"));
        assertThat(gw.recordOf(response).usageTracked()).as("usage tracking is off; the inference table is independent").isFalse();
        Map<String, Object> row = row(AGENTS, response);
        assertRow(row, response, before, "redacted", "gpt-5", 1.0, "[REDACTED]");
        assertThat(row.get("request")).isEqualTo(body.replace(prompt, "my token is [REDACTED], the provider key [REDACTED], curl -H"
                + " 'x-api-key: [REDACTED]' -H 'Authorization: Bearer [REDACTED]' on [REDACTED] about [REDACTED] with [REDACTED]"
                + "; Bearer authentication is fine"));
        assertThat(row.get("response")).isEqualTo(response.body().replace(anthropicKey, "[REDACTED]").replace("ticket-9876", "[REDACTED]"));
        assertThat((String) row.get("response")).contains("Noted [REDACTED] for [REDACTED].");
    }

    @Test
    void adminsReadTheTableWithSqlAndItIsOwnedByTheGateway() throws Exception {
        gw.scripted().enqueue(Script.text("Hi.").withModel("gpt-5"));
        HttpResponse<String> response = send(post("/openai/v1/chat/completions",
                "{\"model\":\"logged-gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        String id = requestId(response);
        row(AGENTS, response);
        LakeClient lake = new LakeClient(gw);
        assertThat(lake.admin("SELECT endpoint_name, status_code, len(logging_error_codes) FROM " + AGENTS
                + " WHERE request_id = '" + id + "'")).containsExactly(List.of("logged-gpt", "200", "0"));
        String bob = lake.user("bob");
        assertThat(lake.statement(bob, "SELECT count(*) FROM " + AGENTS).path("status").path("state").asText()).isEqualTo("FAILED");
    }

    // ---- requests --------------------------------------------------------------------------------------------------

    private static HttpRequest.Builder post(String path, String json) {
        return gw.request(path, gw.adminToken(), "application/json").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return gw.send(request.build());
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    // ---- reading and checking rows ---------------------------------------------------------------------------------

    private static Map<String, Object> row(String table, HttpResponse<?> response) throws InterruptedException {
        return rowWhere(table, requestId(response));
    }

    /** The row of this request, once committed (within the 100 ms commit interval plus the recorder's batching). */
    private static Map<String, Object> rowWhere(String table, String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            for (Map<String, Object> row : rows(table)) {
                if (requestId.equals(row.get("request_id"))) {
                    return row;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no row of " + requestId + " in " + table + " within 20 s");
    }

    private static List<Map<String, Object>> rows(String table) {
        TableInfo info = gw.gateway().lake().catalog().getTable(TableName.parse(table)).orElseThrow();
        assertThat(info.owner()).isEqualTo(Lake.SYSTEM_OWNER);
        List<String> names = info.columns().fieldNames();
        assertThat(names).containsExactly("request_date", "request_id", "client_request_id", "request_time", "status_code",
                "sampling_fraction", "execution_duration_ms", "request", "response", "endpoint_name", "destination_model", "requester",
                "logging_error_codes");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : gw.gateway().lake().tables().open(info.location()).read()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                row.put(names.get(i), r.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static void assertRow(Map<String, Object> row, HttpResponse<?> response, Instant before, String endpoint, String model,
            double fraction) {
        assertRow(row, response, before, endpoint, model, fraction, null);
    }

    /** The columns every row has: who, when, how long, what status; the payload columns are each test's. */
    private static void assertRow(Map<String, Object> row, HttpResponse<?> response, Instant before, String endpoint, String model,
            double fraction, String clientRequestId) {
        Instant time = (Instant) row.get("request_time");
        assertThat(time).isBetween(before.minusMillis(1), Instant.now());
        assertThat(row.get("request_date")).isEqualTo(LocalDate.ofInstant(time, ZoneOffset.UTC));
        assertThat(row.get("client_request_id")).isEqualTo(clientRequestId);
        assertThat(row.get("status_code")).isEqualTo(response.statusCode());
        assertThat(row.get("sampling_fraction")).isEqualTo(fraction);
        assertThat((Long) row.get("execution_duration_ms")).isBetween(0L, Duration.between(before, Instant.now()).toMillis());
        assertThat(row.get("endpoint_name")).isEqualTo(endpoint);
        assertThat(row.get("destination_model")).isEqualTo(model);
        assertThat(row.get("requester")).isEqualTo(Bootstrap.ADMIN_NAME);
    }

    private static JsonNode json(Object text) throws Exception {
        assertThat(text).isNotNull();
        return TestGateway.JSON.readTree((String) text);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
