package dev.lakegate.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.provider.ScriptedCredential;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * No SSRF: the host, scheme, port and path the gateway calls come from the configuration alone. Whatever a client puts
 * in the path, the query, a header or the body, either the call goes to the configured provider's own path for the
 * endpoint's destination model, or it is refused with a 4xx and nothing reaches the upstream. Asserted on what the
 * scripted upstream received.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamAddressTest {
    static final String EVIL = "http://evil.example:8080/steal";

    /** A client request, and the upstream path it must reach, or null when it must be refused before any upstream call. */
    record Attempt(String path, Map<String, String> headers, String body, String upstreamPath) {}

    TestGateway gateway;
    String token;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        token = gateway.createToken("ssrf", null).secret();
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void noClientInputMovesOrReachesTheUpstreamCall() throws Exception {
        String claude = "{\"model\":\"" + TestGateway.CLAUDE + "\",\"max_tokens\":16,\"base_url\":\"" + EVIL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String gpt = "{\"model\":\"" + TestGateway.GPT + "\",\"api_base\":\"" + EVIL + "\",\"base_url\":\"" + EVIL
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String gemini = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"base_url\":\"" + EVIL + "\"}";
        Map<String, String> hostile = Map.of("x-forwarded-host", "evil.example", "forwarded", "host=evil.example;proto=http",
                "x-original-url", EVIL, "x-rewrite-url", "/steal", "x-lakegate-upstream", EVIL);
        String geminiPath = "/v1beta/models/" + TestGateway.GEMINI_UPSTREAM + ":generateContent";
        List<Attempt> attempts = List.of(
                new Attempt("/anthropic/v1/messages?beta=true", Map.of("anthropic-beta", "../../steal," + EVIL), claude, "/v1/messages"),
                new Attempt("/anthropic/v1/messages", hostile, claude, "/v1/messages"),
                new Attempt("/openai/v1/chat/completions?url=" + EVIL + "&path=..%2F..%2Fsteal", hostile, gpt, "/v1/chat/completions"),
                new Attempt("/gemini/v1beta/models/" + TestGateway.GEMINI + ":generateContent?alt=json&upstream=" + EVIL, hostile, gemini, geminiPath),
                new Attempt("/openai/v1/chat/completions", Map.of(), gpt.replace(TestGateway.GPT, "../../" + TestGateway.GPT), null),
                new Attempt("/openai/v1/chat/completions", Map.of(), gpt.replace(TestGateway.GPT, EVIL), null),
                new Attempt("/anthropic/v1/messages", Map.of(), claude.replace(TestGateway.CLAUDE, TestGateway.CLAUDE + "/../x"), null),
                new Attempt("/gemini/v1beta/models/..%2F..%2Fsteal:generateContent", Map.of(), gemini, null),
                new Attempt("/gemini/v1beta/models/" + TestGateway.GEMINI + "%2F..%2F..%2Fsteal:generateContent", Map.of(), gemini, null),
                new Attempt("/gemini/v1beta/models/" + TestGateway.GEMINI + "%3Fkey%3Dx%23:generateContent", Map.of(), gemini, null),
                new Attempt("/gemini/v1beta/models/http:%2F%2Fevil.example%2Fsteal:generateContent", Map.of(), gemini, null),
                new Attempt("/gemini/v9/models/" + TestGateway.GEMINI + ":generateContent", Map.of(), gemini, null),
                new Attempt("/anthropic/v1/%2e%2e/%2e%2e/steal/v1/messages", Map.of(), claude, null),
                new Attempt("/openai/v1/chat/completions/..%2F..%2Fsteal", Map.of(), gpt, null));
        String scriptedHost = "127.0.0.1:" + gateway.scripted().port();
        for (Attempt a : attempts) {
            int before = gateway.scripted().requests().size();
            HttpRequest.Builder b = gateway.request(a.path(), token, "application/json").POST(HttpRequest.BodyPublishers.ofString(a.body()));
            a.headers().forEach(b::header);
            HttpResponse<String> answer = gateway.send(b.build());
            List<ReceivedRequest> received = gateway.scripted().requests();
            if (a.upstreamPath() == null) {
                assertThat(answer.statusCode()).as("%s: %s", a, answer.body()).isBetween(400, 499);
                assertThat(received).as("nothing reached the upstream for %s", a).hasSize(before);
                continue;
            }
            assertThat(answer.statusCode()).as("%s: %s", a, answer.body()).isEqualTo(200);
            assertThat(received).as(a.path()).hasSize(before + 1);
            ReceivedRequest call = received.getLast();
            assertThat(call.path()).as(a.path()).isEqualTo(a.upstreamPath());
            assertThat(call.header("host")).as(a.path()).isEqualTo(scriptedHost);
            String seen = call.path() + "?" + call.query() + " " + call.headers();
            assertThat(seen).as("the client's token never goes upstream").doesNotContain(token);
            // The query of an Anthropic or OpenAI call is the client's own (e.g. ?beta=true), forwarded as data: it moves nothing.
            assertThat(call.path()).doesNotContain("evil", "steal");
            String credential = call.header("x-api-key") != null ? call.header("x-api-key")
                    : call.header("x-goog-api-key") != null ? call.header("x-goog-api-key") : call.header("authorization");
            assertThat(credential).as(a.path()).endsWith(ScriptedCredential.KEY);
        }
    }

    @Test
    void aKeyInTheQueryAuthenticatesButIsNotForwarded() throws Exception {
        int before = gateway.scripted().requests().size();
        HttpResponse<String> answer = gateway.post("/gemini/v1beta/models/" + TestGateway.GEMINI + ":streamGenerateContent?alt=sse&key=" + token,
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}".getBytes(), null, "application/json");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        ReceivedRequest call = gateway.scripted().requests().get(before);
        assertThat(call.path()).isEqualTo("/v1beta/models/" + TestGateway.GEMINI_UPSTREAM + ":streamGenerateContent");
        assertThat(call.query()).isEqualTo("alt=sse");
        assertThat(call.header("x-goog-api-key")).isEqualTo(ScriptedCredential.KEY);

        HttpResponse<String> openai = gateway.post("/openai/v1/chat/completions?key=" + token + "&keep=1", ("{\"model\":\"" + TestGateway.GPT
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(), null, "application/json");
        assertThat(openai.statusCode()).as(openai.body()).isEqualTo(200);
        ReceivedRequest chat = gateway.scripted().requests().getLast();
        assertThat(chat.query()).isEqualTo("keep=1");
        assertThat(chat.header("authorization")).isEqualTo("Bearer " + ScriptedCredential.KEY);
    }
}
