package dev.lakegate.protocol.gemini;

import static dev.lakegate.protocol.canonical.request.RequestFixtures.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.Reasoning;
import dev.lakegate.protocol.canonical.request.RequestCodec;
import dev.lakegate.protocol.canonical.request.RequestFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiRequestCodecTest {
    private static final RequestCodec CODEC = RequestCodec.of(WireProtocol.GEMINI);

    private static CanonicalRequest decode(String json) {
        return CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(CanonicalRequest r) {
        return r.messages().stream().flatMap(m -> m.content().stream()).map(b -> switch (b) {
            case ContentBlock.ToolUse t -> "call " + t.id();
            case ContentBlock.ToolResult t -> "result " + t.toolUseId();
            default -> "";
        }).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void synthesizesStableIdsAndPairsResponsesByNameAndOrder() {
        String turn1 = """
                {"role":"user","parts":[{"text":"Weather in Paris and Rome?"}]},
                {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}]},
                {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"sunny"}}},{"functionResponse":{"name":"get_weather","response":{"output":"rainy"}}}]}""";
        String turn2 = """
                ,{"role":"model","parts":[{"functionCall":{"name":"get_time","args":{}}}]},
                {"role":"user","parts":[{"functionResponse":{"name":"get_time","response":{"output":"noon"}}}]}""";

        CanonicalRequest first = decode("{\"contents\":[" + turn1 + "]}");
        CanonicalRequest second = decode("{\"contents\":[" + turn1 + turn2 + "]}");

        assertThat(ids(first)).containsExactly("call call_get_weather_0", "call call_get_weather_1",
                "result call_get_weather_0", "result call_get_weather_1");
        assertThat(ids(second)).startsWith(ids(first).toArray(String[]::new)).endsWith("call call_get_time_2", "result call_get_time_2");
        ContentBlock.ToolResult rome = (ContentBlock.ToolResult) second.messages().get(2).content().get(1);
        assertThat(rome.content()).containsExactly(new ContentBlock.Text("rainy"));
    }

    @Test
    void geminiCliIdsAreKeptAndItsMagicSignatureOnlyGoesBackToGemini() {
        CanonicalRequest r = RequestFixtures.decode("gemini/request/captured/gemini-cli-tool-result.json");

        assertThat(ids(r)).containsExactly("call run_shell_command_1795812776495_0", "result run_shell_command_1795812776495_0");
        assertThat(encode(r, WireProtocol.GEMINI).at("/contents/1/parts/0/functionCall/id").asText()).isEqualTo("run_shell_command_1795812776495_0");
        for (WireProtocol other : new WireProtocol[] {WireProtocol.ANTHROPIC, WireProtocol.OPENAI_CHAT, WireProtocol.OPENAI_RESPONSES}) {
            JsonNode body = encode(r, other);
            assertThat(body.toString()).doesNotContain("skip_thought_signature_validator").contains("run_shell_command_1795812776495_0");
        }
    }

    @Test
    void foreignCallsCarryTheSkipSignatureAndNoIds() {
        JsonNode body = encode(RequestFixtures.decode("anthropic/request/captured/claude-code-tool-result.json"), WireProtocol.GEMINI);

        JsonNode part = body.at("/contents/1/parts/0");
        assertThat(part.at("/thoughtSignature").asText()).isEqualTo("skip_thought_signature_validator");
        assertThat(part.at("/functionCall").has("id")).isFalse();
        assertThat(body.at("/contents/2/parts/0/functionResponse")).isEqualTo(
                RequestFixtures.tree("{\"name\":\"Bash\",\"response\":{\"output\":\"hello-from-tool\"}}"));
    }

    @Test
    void responseObjectsOtherThanOutputOrErrorTravelAsJsonText() {
        CanonicalRequest r = decode("""
                {"contents":[{"role":"model","parts":[{"functionCall":{"name":"f","args":{}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"f","response":{"temp":18,"unit":"C"}}}]}]}""");

        JsonNode chat = encode(r, WireProtocol.OPENAI_CHAT);
        assertThat(chat.at("/messages/1/content").asText()).isEqualTo("{\"temp\":18,\"unit\":\"C\"}");
        assertThat(encode(r, WireProtocol.GEMINI).at("/contents/1/parts/0/functionResponse/response"))
                .isEqualTo(RequestFixtures.tree("{\"temp\":18,\"unit\":\"C\"}"));
    }

    @Test
    void aResponseWithoutAWaitingCallIsRefused() {
        String message = RequestFixtures.invalidRequest(() -> decode("""
                {"contents":[{"role":"user","parts":[{"functionResponse":{"name":"f","response":{"output":"x"}}}]}]}"""));

        assertThat(message).startsWith("Cannot parse contents[0].parts[0].functionResponse: no earlier functionCall named 'f'");
    }

    @Test
    void openApiSchemasBecomeJsonSchemaAndGoBackAsTheyCame() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.GEMINI, "tools");

        assertThat(r.tools().getFirst().inputSchema()).isEqualTo(
                RequestFixtures.tree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
        assertThat(encode(r, WireProtocol.GEMINI).at("/tools/0/functionDeclarations/0/parameters/type").asText()).isEqualTo("OBJECT");
        assertThat(encode(r, WireProtocol.ANTHROPIC).at("/tools/0/input_schema/type").asText()).isEqualTo("object");
    }

    @Test
    void foreignThinkingBecomesACappedBudgetAndSwitchedOffThinkingSendsNothing() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.OPENAI_CHAT, "conversation");

        JsonNode high = encode(r.toBuilder().reasoning(new Reasoning(null, Reasoning.Effort.MAX, null, null)).build(), WireProtocol.GEMINI);
        assertThat(high.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(512); // half of maxOutputTokens 1024
        JsonNode off = encode(r.toBuilder().reasoning(new Reasoning(Reasoning.Mode.DISABLED, null, null, null)).build(), WireProtocol.GEMINI);
        assertThat(off.at("/generationConfig").has("thinkingConfig")).isFalse();
        JsonNode claude = encode(RequestFixtures.decode("anthropic/request/captured/claude-code-text.json"), WireProtocol.GEMINI);
        assertThat(claude.at("/generationConfig/thinkingConfig")).isEqualTo(
                RequestFixtures.tree("{\"includeThoughts\":true,\"thinkingBudget\":16000}"));
    }

    @Test
    void modelAndStreamComeFromTheUrl() {
        CanonicalRequest r = RequestFixtures.decode("gemini/request/captured/gemini-cli-text.json");

        assertThat(r.model()).isNull();
        assertThat(r.stream()).isFalse();
        CanonicalRequest routed = r.withModel("gw-gemini").withStream(true);
        assertThat(encode(routed, WireProtocol.ANTHROPIC).at("/stream").asBoolean()).isTrue();
        assertThat(encode(routed, WireProtocol.GEMINI).has("model")).isFalse();
        assertThat(r.messages()).singleElement().extracting(Message::role).isEqualTo(Message.Role.USER);
    }
}
