package dev.lakegate.server.provider.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the model, stream flag and last user text from request shapes the real agents send. */
class VendorCallTest {

    private static VendorCall read(String method, String path, String query, String body) {
        ReceivedRequest r = new ReceivedRequest(1, method, path, query, Map.of("anthropic-version", List.of("2023-06-01")),
                body.getBytes(), Instant.now());
        return VendorCall.read(Route.match(r), Json.parse(body, "body"));
    }

    @Test
    void claudeCodeTurnWithBlocksAndATrailingSystemMessage() {
        VendorCall c = read("POST", "/v1/messages", "beta=true", """
                {"model":"gw-claude","stream":true,"messages":[
                  {"role":"user","content":[{"type":"text","text":"<system-reminder>x</system-reminder>"},{"type":"text","text":"say hi"}]},
                  {"role":"system","content":"Available agent types"}]}""");
        assertThat(c).isEqualTo(new VendorCall(WireProtocol.ANTHROPIC, "gw-claude", true, Framing.SSE, false, "say hi"));
    }

    @Test
    void codexInputWithDeveloperMessagesAndToolOutputs() {
        String turn = """
                {"model":"gw-gpt","stream":true,"input":[
                  {"type":"message","role":"developer","content":[{"type":"input_text","text":"base instructions"}]},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"say hi"}]}%s]}""";
        assertThat(read("POST", "/v1/responses", null, turn.formatted("")).lastUserText()).isEqualTo("say hi");
        String followUp = turn.formatted(",{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"done\"}");
        assertThat(read("POST", "/v1/responses", null, followUp).lastUserText()).isEmpty();
        assertThat(read("POST", "/v1/responses", null, "{\"model\":\"m\",\"input\":\"plain string\"}").lastUserText()).isEqualTo("plain string");
    }

    @Test
    void chatWithContentPartsAndUsageOption() {
        VendorCall c = read("POST", "/v1/chat/completions", null, """
                {"model":"gw-chat","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"system","content":"sys"},{"role":"user","content":[{"type":"text","text":"hello"}]}]}""");
        assertThat(c).isEqualTo(new VendorCall(WireProtocol.OPENAI_CHAT, "gw-chat", true, Framing.SSE, true, "hello"));
    }

    @Test
    void geminiModelAndFramingComeFromThePath() {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"<session_context>\"},{\"text\":\"say hi\"}]}]}";
        assertThat(read("POST", "/v1beta/models/gw-gemini:streamGenerateContent", "alt=sse", body))
                .isEqualTo(new VendorCall(WireProtocol.GEMINI, "gw-gemini", true, Framing.SSE, false, "say hi"));
        assertThat(read("POST", "/v1/models/gw%2Fgemini:streamGenerateContent", null, body).framing()).isEqualTo(Framing.JSON_ARRAY);
        VendorCall unary = read("POST", "/v1beta/models/gw-gemini:generateContent", null, body);
        assertThat(unary.stream()).isFalse();
        assertThat(read("POST", "/v1/models/gw%2Fgemini:generateContent", null, body).model()).isEqualTo("gw/gemini");
    }

    @Test
    void aConversationOrLimitOfTheWrongTypeIsRefusedAsTheVendorsDo() {
        String chat = "{\"model\":\"m\",%s\"messages\":%s}";
        String ok = "[{\"role\":\"user\",\"content\":\"hi\"}]";
        for (String[] bad : new String[][] {{"", "{\"role\":\"user\"}"}, {"", "[7]"}, {"", "[{\"role\":\"user\",\"content\":7}]"},
                {"\"max_tokens\":1180591620717411303424,", ok}, {"\"max_tokens\":1e400,", ok}, {"\"max_tokens\":0,", ok},
                {"\"max_tokens\":\"lots\",", ok}}) {
            assertThatThrownBy(() -> read("POST", "/v1/chat/completions", null, chat.formatted(bad[0], bad[1])))
                    .as(chat.formatted(bad[0], bad[1])).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(read("POST", "/v1/chat/completions", null, chat.formatted("\"max_tokens\":null,", ok)).lastUserText()).isEqualTo("hi");
        assertThatThrownBy(() -> read("POST", "/v1beta/models/g:generateContent", null, "{\"contents\":[{\"role\":\"user\",\"parts\":\"hi\"}]}"))
                .hasMessageContaining("parts");
        assertThatThrownBy(() -> read("POST", "/v1beta/models/g:generateContent", null,
                "{\"contents\":[],\"generationConfig\":{\"maxOutputTokens\":-1}}")).hasMessageContaining("maxOutputTokens");
    }
}
