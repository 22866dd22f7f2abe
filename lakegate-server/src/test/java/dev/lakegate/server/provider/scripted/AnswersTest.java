package dev.lakegate.server.provider.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The default answer to a tool-result turn quotes the tool's output, in every protocol, with the shapes the real agents send. */
class AnswersTest {

    private static String result(WireProtocol p, String body) {
        return Answers.lastToolResult(p, Json.parse(body, "body"));
    }

    @Test
    void anthropicToolResultBlocksAsClaudeCodeSendsThem() {
        // clients.md 1.5: the user message carries the tool_result with a string content (and a cache_control).
        assertThat(result(WireProtocol.ANTHROPIC, """
                {"messages":[{"role":"user","content":"run it"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"cat secret.txt"}}]},
                 {"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":"tok-123","is_error":false,
                   "cache_control":{"type":"ephemeral"}}]},
                 {"role":"system","content":"a mid-conversation system message is skipped"}]}""")).isEqualTo("tok-123");
        // Content as text blocks; two parallel results.
        assertThat(result(WireProtocol.ANTHROPIC, """
                {"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"a","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
                  {"type":"tool_result","tool_use_id":"b","content":"three"},
                  {"type":"text","text":"<system-reminder>after the results</system-reminder>"}]}]}""")).isEqualTo("one\ntwo\nthree");
        assertThat(result(WireProtocol.ANTHROPIC, """
                {"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"a","content":"x"}]},
                 {"role":"assistant","content":"done"},{"role":"user","content":"and now?"}]}""")).isNull();
    }

    @Test
    void chatToolMessage() {
        assertThat(result(WireProtocol.OPENAI_CHAT, """
                {"messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c","type":"function",
                  "function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c","content":"42"}]}""")).isEqualTo("42");
        assertThat(result(WireProtocol.OPENAI_CHAT, """
                {"messages":[{"role":"tool","tool_call_id":"c","content":[{"type":"text","text":"parts"}]}]}""")).isEqualTo("parts");
        assertThat(result(WireProtocol.OPENAI_CHAT, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).isNull();
    }

    @Test
    void responsesFunctionCallOutputsAsCodexSendsThem() {
        // clients.md 2.5: Codex resends the whole history; the outputs of the last calls end the input.
        assertThat(result(WireProtocol.OPENAI_RESPONSES, """
                {"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"go"}]},
                 {"type":"function_call","call_id":"call_1","name":"exec_command","arguments":"{\\"cmd\\":\\"cat secret.txt\\"}"},
                 {"type":"function_call_output","call_id":"call_1","output":"Process exited with code 0\\nOutput:\\ntok-9\\n"}]}"""))
                .isEqualTo("Process exited with code 0\nOutput:\ntok-9\n");
        assertThat(result(WireProtocol.OPENAI_RESPONSES, """
                {"input":[{"type":"function_call_output","call_id":"a","output":"one"},
                 {"type":"function_call_output","call_id":"b","output":[{"type":"input_text","text":"two"}]}]}""")).isEqualTo("one\ntwo");
        assertThat(result(WireProtocol.OPENAI_RESPONSES, "{\"input\":\"just text\"}")).isNull();
    }

    @Test
    void geminiFunctionResponseAsGeminiCliSendsIt() {
        // clients.md 3.5
        assertThat(result(WireProtocol.GEMINI, """
                {"contents":[{"role":"user","parts":[{"text":"go"}]},
                 {"role":"model","parts":[{"functionCall":{"id":"r1","name":"run_shell_command","args":{"command":"cat secret.txt"}},
                   "thoughtSignature":"skip_thought_signature_validator"}]},
                 {"role":"user","parts":[{"functionResponse":{"id":"r1","name":"run_shell_command",
                   "response":{"output":"Output: tok-7"}}}]}]}""")).isEqualTo("Output: tok-7");
        assertThat(result(WireProtocol.GEMINI, """
                {"contents":[{"role":"user","parts":[{"functionResponse":{"name":"f","response":{"result":1}}}]}]}"""))
                .isEqualTo("{\"result\":1}");
        assertThat(result(WireProtocol.GEMINI, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}")).isNull();
    }

    @Test
    void defaultAnswerQuotesTheFirst300CharactersOfTheResult() {
        VendorCall call = new VendorCall(WireProtocol.ANTHROPIC, "m", false, Framing.JSON, false, "");
        String longResult = "x".repeat(299) + "yz" + "tail";
        CanonicalResponse answer = Answers.answer(Script.DEFAULT, call, longResult, 100);
        assertThat(answer.content()).containsExactly(new ContentBlock.Text("Tool result received: " + "x".repeat(299) + "y"));
        // A script still wins over the default.
        assertThat(Answers.answer(Script.text("scripted"), call, "ignored", 100).content()).containsExactly(new ContentBlock.Text("scripted"));
        // Without a tool result, the echo.
        VendorCall said = new VendorCall(WireProtocol.ANTHROPIC, "m", false, Framing.JSON, false, "hello");
        assertThat(Answers.answer(Script.DEFAULT, said, null, 100).content())
                .containsExactly(new ContentBlock.Text("Hello from the Lakegate scripted model m. You said: hello"));
    }

    @Test
    void overHttpATurnEndingWithAToolResultIsAnsweredFromIt() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(0); HttpClient http = HttpClient.newHttpClient()) {
            String body = """
                    {"model":"m","max_tokens":64,"messages":[{"role":"user","content":"lakegate-script:{\\"text\\":\\"not this\\"}"},
                     {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"cat f"}}]},
                     {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"from-the-tool"}]}]}""";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/v1/messages"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Json.parse(r.body(), "answer").at("/content/0/text").asText()).isEqualTo("Tool result received: from-the-tool");
        }
    }
}
