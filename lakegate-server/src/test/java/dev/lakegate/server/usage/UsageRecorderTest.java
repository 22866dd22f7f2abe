package dev.lakegate.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.IssuedToken;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests shaped like the real agents' (reference/agents/captures), through a real gateway, each read back
 * from {@code system.ai_gateway.usage} and checked column by column (SPEC §4).
 */
class UsageRecorderTest {
    private static final String CLAUDE_UA = "claude-cli/2.1.197 (external, sdk-cli)";
    private static final String CLAUDE_SESSION = "543d84b4-5b02-4a4e-86e8-0c6917f931ba";
    private static final String CLAUDE_BODY = """
            {"model":"e2e-claude","max_tokens":32000,"stream":true,"thinking":{"type":"adaptive"},
             "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.197"},
                       {"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"say hi","cache_control":{"type":"ephemeral"}}]},
                         {"role":"system","content":"Available agent types: claude"}]}""";
    private static final String CODEX_UA = "codex_exec/0.171.0 (Debian 12.0.0; x86_64) xterm (codex_exec; 0.171.0)";
    private static final String CODEX_SESSION = "01a21ec7-4d46-7ad2-a2f9-a1018eb02767";
    private static final String GEMINI_UA = "GeminiCLI-tui/0.61.0/gw-gemini (linux; x64; terminal)";
    private static final String GEMINI_BODY = """
            {"contents":[{"role":"user","parts":[{"text":"say hi"}]}],
             "systemInstruction":{"role":"user","parts":[{"text":"You are Gemini CLI."}]},
             "generationConfig":{"temperature":0,"thinkingConfig":{"includeThoughts":true}}}""";
    private static final String CURSOR_UA = "OpenAI/JS 4.104.0";
    /** Timing columns, checked for every row by {@link #assertTimes}; the others by each test. */
    private static final Set<String> TIMES = Set.of("request_id", "event_time", "event_date", "ip_address", "latency_ms",
            "time_to_first_byte_ms", "routing_information");

    private static TestGateway gw;
    private static String alice;
    private static String aliceTokenId;
    private static String bot;
    private static String botTokenId;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start("", """
                  - name: resilient
                    destinations:
                      - {provider: scripted, model: claude-haiku-4-5, priority: 0}
                      - {provider: scripted, model: claude-sonnet-4-5, priority: 1, pricing: {input: 2.0, output: 10.0}}
                  - {name: on-responses, destinations: [{provider: responses-only, model: gpt-5-mini}]}
                  - {name: untracked, usage_tracking: false, destinations: [{provider: scripted, model: gpt-5}]}
                """, """
                  - {name: responses-only, type: scripted, protocols: [openai.responses]}
                """, "lake: {commit_interval_ms: 200}");
        Governance g = gw.gateway().governance();
        PrincipalRecord a = g.principals().create(new NewPrincipal(PrincipalType.USER, "alice", null, null, false, true));
        IssuedToken at = g.tokens().create(a, a.id(), "laptop", Optional.empty());
        alice = at.secret();
        aliceTokenId = at.token().id();
        PrincipalRecord b = g.principals().create(new NewPrincipal(PrincipalType.SERVICE_PRINCIPAL, "ci-bot", null, null, false, true));
        IssuedToken bt = g.tokens().create(b, b.id(), "ci", Optional.empty());
        bot = bt.secret();
        botTokenId = bt.token().id();
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
    void streamedClaudeCodeRequest() throws Exception {
        // 25,000 prompt tokens: 1,000 uncached, 20,000 read from the cache, 3,000 written for 5 minutes and 1,000 for an hour
        gw.scripted().enqueue(Script.text("Hi! How can I help?").withModel(TestGateway.CLAUDE_UPSTREAM)
                .withUsage(new Usage(25_000, 300, 20_000, 4_000, 1_000, 0, false)));
        Instant before = Instant.now();
        HttpResponse<String> response = gw.send(claudeCode("/anthropic/v1/messages?beta=true", alice, CLAUDE_BODY)
                .header("x-lakegate-request-tags", "{\"team\":\"payments\",\"ticket\":\"PAY-42\"}").build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> row = row(response);
        assertTimes(row, before);
        assertColumns(row, columns(
                "endpoint_name", "e2e-claude", "destination_provider", "scripted", "destination_model", "claude-sonnet-4-5",
                "api_type", "anthropic/v1/messages", "requester", "alice", "requester_type", "USER", "token_id", aliceTokenId,
                "tool", "claude-code", "tool_version", "2.1.197", "session_id", CLAUDE_SESSION, "user_agent", CLAUDE_UA,
                "request_tags", Map.of("team", "payments", "ticket", "PAY-42"), "streaming", true, "status_code", 200, "error_type", null,
                "input_tokens", 25_000L, "output_tokens", 300L, "total_tokens", 25_300L, "token_details", details(20_000, 4_000, 0),
                "tokens_estimated", false,
                // $3 uncached, $0.30 cache reads, $3.75 5-minute and $6 1-hour writes, $15 output per 1M tokens
                "cost_usd", (1_000 * 3 + 20_000 * 0.30 + 3_000 * 3.75 + 1_000 * 6 + 300 * 15) / 1e6,
                "schema_version", 1));
        assertAttempts(row, attempt(0, "scripted/claude-sonnet-4-5", 200, null));
    }

    @Test
    void codexResponsesRequestOfAServicePrincipal() throws Exception {
        // OpenAI counts the 39,936 cached tokens inside input_tokens, and the 448 reasoning tokens inside output_tokens
        gw.scripted().enqueue(Script.text("hi").withModel(TestGateway.GPT_UPSTREAM).withUsage(new Usage(40_000, 611, 39_936, 0, 448, false)));
        Instant before = Instant.now();
        HttpResponse<String> response = gw.send(gw.request("/openai/v1/responses", bot, "application/json")
                .header("user-agent", CODEX_UA).header("session-id", CODEX_SESSION).header("originator", "codex_exec")
                .header("accept", "text/event-stream")
                .header("x-codex-turn-metadata", "{\"session_id\":\"" + CODEX_SESSION + "\",\"turn_id\":\"01a21ec7-4d5d\"}")
                .POST(body("""
                        {"model":"e2e-gpt","instructions":"You are Codex.","stream":true,"store":false,"reasoning":{"effort":"medium"},
                         "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"say hi"}]}]}""")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("response.completed");
        Map<String, Object> row = row(response);
        assertTimes(row, before);
        assertColumns(row, columns(
                "endpoint_name", "e2e-gpt", "destination_provider", "scripted", "destination_model", "gpt-5",
                "api_type", "openai/v1/responses", "requester", "ci-bot", "requester_type", "SERVICE_PRINCIPAL", "token_id", botTokenId,
                "tool", "codex-cli", "tool_version", "0.171.0", "session_id", CODEX_SESSION, "user_agent", CODEX_UA,
                "request_tags", Map.of(), "streaming", true, "status_code", 200, "error_type", null,
                "input_tokens", 40_000L, "output_tokens", 611L, "total_tokens", 40_611L, "token_details", details(39_936, 0, 448),
                "tokens_estimated", false, "cost_usd", (64 * 1.25 + 39_936 * 0.125 + 611 * 10.0) / 1e6, "schema_version", 1));
        assertAttempts(row, attempt(0, "scripted/gpt-5", 200, null));
    }

    @Test
    void geminiCliRequest() throws Exception {
        gw.scripted().enqueue(Script.text("Hello from Gemini").withModel(TestGateway.GEMINI_UPSTREAM)
                .withUsage(new Usage(9_611, 350, 2_048, 0, 250, false)));
        Instant before = Instant.now();
        HttpResponse<String> response = gw.send(geminiCli(alice, GEMINI_BODY));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> row = row(response);
        assertTimes(row, before);
        assertColumns(row, columns(
                "endpoint_name", "e2e-gemini", "destination_provider", "scripted", "destination_model", "gemini-2.5-pro",
                "api_type", "gemini/streamGenerateContent", "requester", "alice", "requester_type", "USER", "token_id", aliceTokenId,
                "tool", "gemini-cli", "tool_version", "0.61.0", "session_id", null, "user_agent", GEMINI_UA,
                "request_tags", Map.of(), "streaming", true, "status_code", 200, "error_type", null,
                "input_tokens", 9_611L, "output_tokens", 350L, "total_tokens", 9_961L, "token_details", details(2_048, 0, 250),
                "tokens_estimated", false, "cost_usd", (7_563 * 1.25 + 2_048 * 0.125 + 350 * 10.0) / 1e6, "schema_version", 1));
        assertAttempts(row, attempt(0, "scripted/gemini-2.5-pro", 200, null));
    }

    @Test
    void cursorChatRequest() throws Exception {
        gw.scripted().enqueue(Script.text("Sure.").withModel(TestGateway.CURSOR_UPSTREAM).withUsage(new Usage(1_830, 12, 1_024, 0, 0, false)));
        Instant before = Instant.now();
        HttpResponse<String> response = gw.send(cursor(alice, "{\"model\":\"e2e-cursor\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> row = row(response);
        assertTimes(row, before);
        assertColumns(row, columns(
                "endpoint_name", "e2e-cursor", "destination_provider", "scripted", "destination_model", "gpt-4.1",
                "api_type", "cursor/v1/chat/completions", "requester", "alice", "requester_type", "USER", "token_id", aliceTokenId,
                "tool", "cursor", "tool_version", null, "session_id", null, "user_agent", CURSOR_UA,
                "request_tags", Map.of(), "streaming", true, "status_code", 200, "error_type", null,
                "input_tokens", 1_830L, "output_tokens", 12L, "total_tokens", 1_842L, "token_details", details(1_024, 0, 0),
                "tokens_estimated", false, "cost_usd", (806 * 2.0 + 1_024 * 0.50 + 12 * 8.0) / 1e6, "schema_version", 1));
        assertAttempts(row, attempt(0, "scripted/gpt-4.1", 200, null));
    }

    @Test
    void translatedRequest() throws Exception {
        // Claude Code on an upstream that speaks only the Responses API: the upstream's counts, its model's prices
        gw.scripted().enqueue(Script.text("Hi from another protocol").withModel("gpt-5-mini").withUsage(new Usage(5_000, 200, 4_096, 0, 50, false)));
        Instant before = Instant.now();
        HttpResponse<String> response = gw.send(claudeCode("/anthropic/v1/messages?beta=true", alice,
                CLAUDE_BODY.replace("e2e-claude", "on-responses")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("event: message_stop");
        assertThat(gw.scripted().requests().getLast().path()).isEqualTo("/v1/responses");
        Map<String, Object> row = row(response);
        assertTimes(row, before);
        assertColumns(row, columns(
                "endpoint_name", "on-responses", "destination_provider", "responses-only", "destination_model", "gpt-5-mini",
                "api_type", "anthropic/v1/messages", "requester", "alice", "requester_type", "USER", "token_id", aliceTokenId,
                "tool", "claude-code", "tool_version", "2.1.197", "session_id", CLAUDE_SESSION, "user_agent", CLAUDE_UA,
                "request_tags", Map.of(), "streaming", true, "status_code", 200, "error_type", null,
                "input_tokens", 5_000L, "output_tokens", 200L, "total_tokens", 5_200L, "token_details", details(4_096, 0, 50),
                "tokens_estimated", false, "cost_usd", (904 * 0.25 + 4_096 * 0.025 + 200 * 2.0) / 1e6, "schema_version", 1));
        assertAttempts(row, attempt(0, "responses-only/gpt-5-mini", 200, null));
    }

    @Test
    void unauthenticatedRequest() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> response = gw.send(claudeCode("/anthropic/v1/messages?beta=true", "lg_not-a-real-token", CLAUDE_BODY).build());
        assertThat(response.statusCode()).isEqualTo(401);
        Map<String, Object> row = row(response);
        assertTimes(row, before);
        assertColumns(row, columns(
                "endpoint_name", "e2e-claude", "destination_provider", null, "destination_model", null,
                "api_type", "anthropic/v1/messages", "requester", null, "requester_type", null, "token_id", null,
                "tool", "claude-code", "tool_version", "2.1.197", "session_id", CLAUDE_SESSION, "user_agent", CLAUDE_UA,
                "request_tags", Map.of(), "streaming", true, "status_code", 401, "error_type", "AUTHENTICATION",
                "input_tokens", 0L, "output_tokens", 0L, "total_tokens", 0L, "token_details", details(0, 0, 0),
                "tokens_estimated", false, "cost_usd", null, "schema_version", 1));
        assertAttempts(row);
    }

    @Test
    void upstreamRateLimit() throws Exception {
        gw.scripted().enqueue(Script.error(429, "Resource has been exhausted").withRetryAfterSeconds(3).withModel(TestGateway.GEMINI_UPSTREAM));
        Instant before = Instant.now();
        HttpResponse<String> response = gw.send(geminiCli(alice, GEMINI_BODY));
        assertThat(response.statusCode()).isEqualTo(429);
        Map<String, Object> row = row(response);
        assertTimes(row, before);
        assertColumns(row, columns(
                "endpoint_name", "e2e-gemini", "destination_provider", "scripted", "destination_model", "gemini-2.5-pro",
                "api_type", "gemini/streamGenerateContent", "requester", "alice", "requester_type", "USER", "token_id", aliceTokenId,
                "tool", "gemini-cli", "tool_version", "0.61.0", "session_id", null, "user_agent", GEMINI_UA,
                "request_tags", Map.of(), "streaming", true, "status_code", 429, "error_type", "RATE_LIMITED",
                "input_tokens", 0L, "output_tokens", 0L, "total_tokens", 0L, "token_details", details(0, 0, 0),
                "tokens_estimated", false, "cost_usd", 0.0, "schema_version", 1));
        assertAttempts(row, attempt(0, "scripted/gemini-2.5-pro", 429, "RATE_LIMITED"));
    }

    @Test
    void upstream500WithFallback() throws Exception {
        gw.scripted().enqueue(Script.error(500, "boom").withModel("claude-haiku-4-5"));
        gw.scripted().enqueue(Script.text("Recovered.").withModel("claude-sonnet-4-5").withUsage(new Usage(1_000, 100, 0, 0, 0, false)));
        Instant before = Instant.now();
        HttpResponse<String> response = gw.send(gw.request("/anthropic/v1/messages", alice, "application/json")
                .header("user-agent", "Anthropic/JS 0.65.0").header("anthropic-version", "2023-06-01")
                .POST(body("{\"model\":\"resilient\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> row = row(response);
        assertTimes(row, before);
        assertColumns(row, columns(
                "endpoint_name", "resilient", "destination_provider", "scripted", "destination_model", "claude-sonnet-4-5",
                "api_type", "anthropic/v1/messages", "requester", "alice", "requester_type", "USER", "token_id", aliceTokenId,
                "tool", "sdk", "tool_version", "0.65.0", "session_id", null, "user_agent", "Anthropic/JS 0.65.0",
                "request_tags", Map.of(), "streaming", false, "status_code", 200, "error_type", null,
                "input_tokens", 1_000L, "output_tokens", 100L, "total_tokens", 1_100L, "token_details", details(0, 0, 0),
                // the destination's own prices: $2 input, $10 output
                "tokens_estimated", false, "cost_usd", (1_000 * 2.0 + 100 * 10.0) / 1e6, "schema_version", 1));
        assertAttempts(row, attempt(0, "scripted/claude-haiku-4-5", 500, "UPSTREAM_ERROR"), attempt(1, "scripted/claude-sonnet-4-5", 200, null));
    }

    @Test
    void clientDisconnectMidStream() throws Exception {
        String text = "A long answer that the agent will not wait for, streamed slowly in a few pieces.";
        gw.scripted().enqueue(Script.text(text).withEventDelayMs(300).withModel(TestGateway.CLAUDE_UPSTREAM)
                .withUsage(new Usage(2_000, 900, 0, 0, 0, false)));
        Instant before = Instant.now();
        String requestId;
        byte[] body = CLAUDE_BODY.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", gw.baseUrl().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /anthropic/v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice
                    + "\r\nUser-Agent: " + CLAUDE_UA + "\r\nx-claude-code-session-id: " + CLAUDE_SESSION
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            requestId = null;
            for (String header; (header = in.readLine()) != null && !header.isEmpty(); ) {
                if (header.regionMatches(true, 0, "x-request-id:", 0, 13)) {
                    requestId = header.substring(13).trim();
                }
            }
            int events = 0;
            for (String line; events < 3 && (line = in.readLine()) != null; ) {
                events += line.startsWith("data:") ? 1 : 0; // message_start, content_block_start, the first text delta
            }
        }
        Map<String, Object> row = row(requestId);
        assertTimes(row, before);
        // The prompt's count came in message_start; the output's final count never came, so it is estimated from the text relayed.
        long output = (Long) row.get("output_tokens");
        assertThat(output).isBetween(Usage.estimateTokens(1), Usage.estimateTokens(text.length()));
        assertColumns(row, columns(
                "endpoint_name", "e2e-claude", "destination_provider", "scripted", "destination_model", "claude-sonnet-4-5",
                "api_type", "anthropic/v1/messages", "requester", "alice", "requester_type", "USER", "token_id", aliceTokenId,
                "tool", "claude-code", "tool_version", "2.1.197", "session_id", CLAUDE_SESSION, "user_agent", CLAUDE_UA,
                "request_tags", Map.of(), "streaming", true, "status_code", 200, "error_type", "CLIENT_DISCONNECTED",
                "input_tokens", 2_000L, "output_tokens", output, "total_tokens", 2_000L + output, "token_details", details(0, 0, 0),
                "tokens_estimated", true, "cost_usd", (2_000 * 3.0 + output * 15.0) / 1e6, "schema_version", 1));
        assertAttempts(row, attempt(0, "scripted/claude-sonnet-4-5", 200, null));
    }

    @Test
    void agentGoneBeforeAnyAnswer() throws Exception {
        String userAgent = "vanishing-agent/1.0";
        Instant before = Instant.now();
        try (Socket socket = new Socket("127.0.0.1", gw.baseUrl().getPort())) {
            socket.getOutputStream().write(("POST /openai/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice
                    + "\r\nUser-Agent: " + userAgent + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"model\":")
                    .getBytes(StandardCharsets.US_ASCII));
        } // hangs up with most of the body unsent
        Map<String, Object> row = rowWhere("user_agent", userAgent);
        Instant eventTime = (Instant) row.get("event_time");
        assertThat(eventTime).isBetween(before.minusMillis(1), Instant.now());
        assertThat(row.get("event_date")).isEqualTo(LocalDate.ofInstant(eventTime, ZoneOffset.UTC));
        assertThat(row.get("ip_address")).isEqualTo("127.0.0.1");
        assertThat((Long) row.get("latency_ms")).isNotNegative();
        assertThat(row.get("time_to_first_byte_ms")).as("nothing was sent").isNull();
        assertThat(((String) row.get("request_id"))).startsWith("req_");
        // the body never arrived: no model, and the credential was not even looked at
        assertColumns(row, columns(
                "endpoint_name", null, "destination_provider", null, "destination_model", null,
                "api_type", "openai/v1/chat/completions", "requester", null, "requester_type", null, "token_id", null,
                "tool", "other", "tool_version", null, "session_id", null, "user_agent", userAgent,
                "request_tags", Map.of(), "streaming", false, "status_code", 499, "error_type", "CLIENT_DISCONNECTED",
                "input_tokens", 0L, "output_tokens", 0L, "total_tokens", 0L, "token_details", details(0, 0, 0),
                "tokens_estimated", false, "cost_usd", null, "schema_version", 1));
        assertAttempts(row);
    }

    @Test
    void anUpstreamThatReportsNoUsageIsEstimated() throws Exception {
        gw.scripted().enqueue(Script.text("Hi there friend").withModel(TestGateway.CURSOR_UPSTREAM).withUsage(Usage.NONE));
        Instant before = Instant.now();
        HttpResponse<String> response = gw.send(cursor(alice, "{\"model\":\"e2e-cursor\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> row = row(response);
        assertTimes(row, before);
        // (characters + 1) / 4: the request's 36 characters of names and values ("e2e-cursor", "role", "user", "content",
        // "hello there"), the answer's 15
        assertColumns(row, columns(
                "endpoint_name", "e2e-cursor", "destination_provider", "scripted", "destination_model", "gpt-4.1",
                "api_type", "cursor/v1/chat/completions", "requester", "alice", "requester_type", "USER", "token_id", aliceTokenId,
                "tool", "cursor", "tool_version", null, "session_id", null, "user_agent", CURSOR_UA,
                "request_tags", Map.of(), "streaming", true, "status_code", 200, "error_type", null,
                "input_tokens", 9L, "output_tokens", 4L, "total_tokens", 13L, "token_details", details(0, 0, 0),
                "tokens_estimated", true, "cost_usd", (9 * 2.0 + 4 * 8.0) / 1e6, "schema_version", 1));
        assertAttempts(row, attempt(0, "scripted/gpt-4.1", 200, null));
    }

    @Test
    void unknownEndpointsAreRecordedAndUntrackedEndpointsAreNot() throws Exception {
        HttpResponse<String> untracked = gw.send(cursor(alice, "{\"model\":\"untracked\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(untracked.statusCode()).as(untracked.body()).isEqualTo(200);
        Instant before = Instant.now();
        HttpResponse<String> unknown = gw.send(cursor(alice, "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        Map<String, Object> row = row(unknown);
        assertTimes(row, before);
        assertColumns(row, columns(
                "endpoint_name", "no-such-model", "destination_provider", null, "destination_model", null,
                "api_type", "cursor/v1/chat/completions", "requester", "alice", "requester_type", "USER", "token_id", aliceTokenId,
                "tool", "cursor", "tool_version", null, "session_id", null, "user_agent", CURSOR_UA,
                "request_tags", Map.of(), "streaming", false, "status_code", 404, "error_type", "NOT_FOUND",
                "input_tokens", 0L, "output_tokens", 0L, "total_tokens", 0L, "token_details", details(0, 0, 0),
                "tokens_estimated", false, "cost_usd", null, "schema_version", 1));
        assertAttempts(row);
        // rows are written in order and the later one is in: the untracked request has none
        assertThat(rows().stream().map(r -> r.get("request_id"))).doesNotContain(requestId(untracked));
    }

    // ---- requests as the agents send them --------------------------------------------------------------------------

    private static HttpRequest.Builder claudeCode(String path, String token, String json) {
        return gw.request(path, token, "application/json").header("user-agent", CLAUDE_UA)
                .header("x-claude-code-session-id", CLAUDE_SESSION).header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14").header("x-app", "cli")
                .header("x-databricks-use-coding-agent-mode", "true").header("accept", "application/json")
                .POST(body(json));
    }

    private static HttpRequest geminiCli(String token, String json) {
        return gw.request("/gemini/v1beta/models/e2e-gemini:streamGenerateContent?alt=sse", token, "application/json")
                .header("user-agent", GEMINI_UA).header("x-goog-api-client", "google-genai-sdk/1.30.0 gl-node/v20.20.2")
                .header("x-goog-api-key", token).POST(body(json)).build();
    }

    private static HttpRequest cursor(String token, String json) {
        return gw.request("/cursor/v1/chat/completions", token, "application/json").header("user-agent", CURSOR_UA)
                .POST(body(json)).build();
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    }

    // ---- reading and checking rows ---------------------------------------------------------------------------------

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    private static Map<String, Object> row(HttpResponse<?> response) throws InterruptedException {
        return row(requestId(response));
    }

    private static Map<String, Object> row(String requestId) throws InterruptedException {
        return rowWhere("request_id", requestId);
    }

    /** The row whose column has this value, once committed (within the 200 ms commit interval plus the recorder's batching). */
    private static Map<String, Object> rowWhere(String column, Object value) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            for (Map<String, Object> row : rows()) {
                if (value.equals(row.get(column))) {
                    return row;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no usage row with " + column + " = " + value + " within 10 s");
    }

    private static List<Map<String, Object>> rows() {
        TableInfo table = gw.gateway().lake().catalog().getTable(TableName.parse(UsageTable.NAME)).orElseThrow();
        assertThat(table.owner()).isEqualTo(Lake.SYSTEM_OWNER);
        List<String> names = table.columns().fieldNames();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : gw.gateway().lake().tables().open(table.location()).read()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                row.put(names.get(i), r.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Column name, value, … for the columns that do not depend on timing. */
    private static Map<String, Object> columns(Object... pairs) {
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            expected.put((String) pairs[i], pairs[i + 1]);
        }
        return expected;
    }

    private static Row details(long cacheRead, long cacheCreation, long reasoning) {
        return Row.of(cacheRead, cacheCreation, reasoning);
    }

    /** Every column of SPEC §4 is either in {@code expected} or among the timing ones, and has the expected value. */
    private static void assertColumns(Map<String, Object> row, Map<String, Object> expected) {
        assertThat(row.keySet()).as("the table's columns").containsExactlyElementsOf(UsageTable.definition().columns().fieldNames());
        List<String> unchecked = row.keySet().stream().filter(c -> !expected.containsKey(c) && !TIMES.contains(c)).toList();
        assertThat(unchecked).as("columns this test does not check").isEmpty();
        expected.forEach((column, value) -> {
            if (value instanceof Double price) {
                assertThat((Double) row.get(column)).as(column).isCloseTo(price, within(1e-12));
            } else {
                assertThat(row.get(column)).as(column).isEqualTo(value);
            }
        });
    }

    /** When, from where and how fast: the request arrived after {@code before}, and its times agree. */
    private static void assertTimes(Map<String, Object> row, Instant before) {
        Instant eventTime = (Instant) row.get("event_time");
        assertThat(eventTime).isBetween(before.minusMillis(1), Instant.now());
        assertThat(row.get("event_date")).isEqualTo(LocalDate.ofInstant(eventTime, ZoneOffset.UTC));
        assertThat(row.get("ip_address")).isEqualTo("127.0.0.1");
        long latency = (Long) row.get("latency_ms");
        assertThat(latency).isBetween(0L, Duration.between(before, Instant.now()).toMillis());
        assertThat((Long) row.get("time_to_first_byte_ms")).as("time_to_first_byte_ms").isNotNull().isBetween(0L, latency);
    }

    private static List<Object> attempt(int priority, String destination, int status, String errorCode) {
        return Arrays.asList(priority, destination, status, errorCode);
    }

    /** {@code routing_information.attempts}: priority, destination, status and error code of each try; latencies are measured. */
    @SafeVarargs
    private static void assertAttempts(Map<String, Object> row, List<Object>... expected) {
        Row routing = (Row) row.get("routing_information");
        List<?> attempts = (List<?>) routing.get(0);
        List<List<Object>> seen = new ArrayList<>();
        for (Object a : attempts) {
            Row attempt = (Row) a;
            assertThat((Long) attempt.get(4)).as("attempt latency").isBetween(0L, (Long) row.get("latency_ms"));
            seen.add(Arrays.asList(attempt.get(0), attempt.get(1), attempt.get(2), attempt.get(3)));
        }
        assertThat(seen).containsExactly(expected);
    }
}
