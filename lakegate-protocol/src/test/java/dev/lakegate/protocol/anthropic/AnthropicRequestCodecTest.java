package dev.lakegate.protocol.anthropic;

import static dev.lakegate.protocol.canonical.request.RequestFixtures.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.Reasoning;
import dev.lakegate.protocol.canonical.request.RequestCodec;
import dev.lakegate.protocol.canonical.request.RequestFixtures;
import dev.lakegate.protocol.canonical.request.Sampling;
import dev.lakegate.protocol.canonical.request.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicRequestCodecTest {
    private static final RequestCodec CODEC = RequestCodec.of(WireProtocol.ANTHROPIC);

    private static CanonicalRequest decode(String json) {
        return CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void claudeCodeSystemMessageInsideMessagesStaysInPlaceForAnthropic() {
        CanonicalRequest r = RequestFixtures.decode("anthropic/request/captured/claude-code-tool-result.json");

        assertThat(r.messages()).extracting(Message::role)
                .containsExactly(Message.Role.USER, Message.Role.SYSTEM, Message.Role.ASSISTANT, Message.Role.USER);
        JsonNode body = encode(r, WireProtocol.ANTHROPIC);
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/1/content").asText()).startsWith("Available agent types");
    }

    @Test
    void claudeCodeSystemMessageBecomesASystemMessageForChatAndANoteForGemini() {
        CanonicalRequest r = RequestFixtures.decode("anthropic/request/captured/claude-code-tool-result.json");

        JsonNode chat = encode(r, WireProtocol.OPENAI_CHAT);
        assertThat(chat.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(chat.at("/messages/0/content").asText()).startsWith("You are a Claude agent").doesNotContain("x-anthropic-billing-header");
        assertThat(chat.at("/messages/2/role").asText()).isEqualTo("system");
        assertThat(chat.at("/messages/2/content").asText()).startsWith("Available agent types");

        JsonNode responses = encode(r, WireProtocol.OPENAI_RESPONSES);
        assertThat(responses.at("/input/1/role").asText()).isEqualTo("developer");

        JsonNode gemini = encode(r, WireProtocol.GEMINI);
        assertThat(gemini.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(gemini.at("/contents/0/parts/2/text").asText()).startsWith("<system-reminder>\nAvailable agent types")
                .endsWith("</system-reminder>");
        assertThat(gemini.at("/systemInstruction/parts")).hasSize(2);
    }

    @Test
    void leadingSystemMessagesOfOtherProtocolsJoinTheSystemPrompt() {
        CanonicalRequest r = RequestFixtures.decode("openai/responses/request/captured/codex-text.json");

        JsonNode body = encode(r, WireProtocol.ANTHROPIC);

        assertThat(body.at("/system")).hasSize(3);
        assertThat(body.at("/system/0/text").asText()).startsWith("You are a coding agent running in the Codex CLI");
        assertThat(body.at("/messages")).hasSize(1);
        assertThat(body.at("/messages/0/content")).hasSize(2);
        assertThat(body.at("/tools")).hasSize(7).allSatisfy(t -> assertThat(t.has("type")).isFalse()); // namespace and web_search stripped
    }

    @Test
    void signedThinkingGoesBackByteExactToAnthropicOnly() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.ANTHROPIC, "reasoning");

        JsonNode same = encode(r, WireProtocol.ANTHROPIC);
        assertThat(same.at("/messages/1/content/0/signature").asText()).isEqualTo("EqQBCkYIBxgCKkDsig+nature/AnthropicOnly==");
        for (WireProtocol other : new WireProtocol[] {WireProtocol.OPENAI_CHAT, WireProtocol.OPENAI_RESPONSES, WireProtocol.GEMINI}) {
            assertThat(encode(r, other).toString()).doesNotContain("EqQBCkYI").doesNotContain("No divisor up to 31");
        }
    }

    @Test
    void redactedThinkingAndUnknownBlocksStayAnthropicOnly() {
        CanonicalRequest r = decode("""
                {"model":"m","max_tokens":100,"messages":[{"role":"user","content":"hi"},
                 {"role":"assistant","content":[{"type":"redacted_thinking","data":"opaque=="},
                  {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"x"}},{"type":"text","text":"Done."}]}]}""");

        assertThat(r.messages().get(1).content()).extracting(b -> b.getClass().getSimpleName())
                .containsExactly("RedactedThinking", "Opaque", "Text");
        assertThat(encode(r, WireProtocol.ANTHROPIC).at("/messages/1/content")).hasSize(3);
        assertThat(encode(r, WireProtocol.OPENAI_CHAT).at("/messages/1/content").asText()).isEqualTo("Done.");
    }

    @Test
    void blocksOnlyAnthropicKnowsAreDroppedInsideToolResultsToo() {
        CanonicalRequest r = decode("""
                {"model":"m","max_tokens":100,"messages":[
                 {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"search","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[
                  {"type":"search_result","source":"https://x","title":"X","content":[]},{"type":"text","text":"found"}]}]}]}""");

        assertThat(encode(r, WireProtocol.OPENAI_CHAT).at("/messages/1/content").asText()).isEqualTo("found");
        assertThat(encode(r, WireProtocol.OPENAI_RESPONSES).at("/input/1/output").asText()).isEqualTo("found");
        assertThat(encode(r, WireProtocol.ANTHROPIC).at("/messages/1/content/0/content/0/type").asText()).isEqualTo("search_result");
    }

    @Test
    void foreignThinkingIsNeverSentToAnthropic() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.GEMINI, "reasoning");

        JsonNode body = encode(r, WireProtocol.ANTHROPIC);

        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Yes.");
        assertThat(body.at("/thinking/budget_tokens").asInt()).isEqualTo(4096);
        assertThat(body.toString()).doesNotContain("CtEBAVSo");
    }

    @Test
    void foreignToolLoopWithoutSignedThinkingGoesWithoutThinking() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.OPENAI_RESPONSES, "tools").toBuilder()
                .reasoning(new Reasoning(null, Reasoning.Effort.HIGH, null, true)).build();

        JsonNode body = encode(r, WireProtocol.ANTHROPIC);

        assertThat(body.has("thinking")).as("Anthropic rejects a tool loop whose assistant turn lacks signed thinking").isFalse();
    }

    @Test
    void thinkingBudgetFitsMaxTokensAndDropsConflictingSampling() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.GEMINI, "conversation").toBuilder()
                .sampling(new Sampling(4096, 0.2, 0.9, 40, List.of()))
                .reasoning(new Reasoning(Reasoning.Mode.ENABLED, null, 50_000, true)).build();

        JsonNode body = encode(r, WireProtocol.ANTHROPIC);

        assertThat(body.at("/max_tokens").asInt()).isEqualTo(4096);
        assertThat(body.at("/thinking/budget_tokens").asInt()).isEqualTo(4095);
        assertThat(body.has("temperature")).as("only 1 is allowed with thinking").isFalse();
        assertThat(body.has("top_p")).isFalse();
        assertThat(body.has("top_k")).isFalse();
    }

    @Test
    void thinkingThatCannotFitMaxTokensIsLeftOut() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.GEMINI, "conversation").toBuilder()
                .reasoning(new Reasoning(Reasoning.Mode.ENABLED, null, 4096, true)).build(); // maxOutputTokens 1024

        JsonNode body = encode(r, WireProtocol.ANTHROPIC);

        assertThat(body.has("thinking")).as("Anthropic needs a budget of at least 1024 below max_tokens").isFalse();
        assertThat(body.at("/temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void foreignTemperatureWinsOverTopP() {
        JsonNode body = encode(RequestFixtures.scenario(WireProtocol.OPENAI_CHAT, "conversation"), WireProtocol.ANTHROPIC);

        assertThat(body.at("/temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.has("top_p")).as("newer Claude models refuse both").isFalse();
    }

    @Test
    void serverToolsAreStrippedWithTheToolChoiceNamingThem() {
        CanonicalRequest r = decode("""
                {"model":"m","max_tokens":100,"messages":[{"role":"user","content":"news?"}],
                 "tools":[{"type":"web_search_20250305","name":"web_search"},{"name":"get_weather","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"tool","name":"web_search"}}""");

        assertThat(r.otherTools()).singleElement().satisfies(t -> assertThat(t.type()).isEqualTo("web_search_20250305"));
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Named("web_search"));
        JsonNode chat = encode(r, WireProtocol.OPENAI_CHAT);
        assertThat(chat.at("/tools")).hasSize(1);
        assertThat(chat.has("tool_choice")).isFalse();
        assertThat(encode(r, WireProtocol.ANTHROPIC).at("/tool_choice/name").asText()).isEqualTo("web_search");
    }

    @Test
    void foreignRequestsGetDefaultMaxTokensAndCacheBreakpoints() {
        JsonNode body = encode(RequestFixtures.scenario(WireProtocol.OPENAI_RESPONSES, "tool-choice").toBuilder()
                .sampling(Sampling.NONE).build(), WireProtocol.ANTHROPIC);

        assertThat(body.at("/max_tokens").asInt()).isEqualTo(AnthropicRequestWriter.DEFAULT_MAX_TOKENS);
        assertThat(body.at("/tools/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(body.at("/messages/0/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(body.at("/tool_choice")).isEqualTo(RequestFixtures.tree("{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void toolIdsAnthropicWouldRejectAreHashedTheSameForCallAndResult() {
        CanonicalRequest r = CanonicalRequest.builder().messages(List.of(
                new Message(Message.Role.ASSISTANT, List.of(new ContentBlock.ToolUse("call:1/a", "f", RequestFixtures.tree("{}")))),
                new Message(Message.Role.USER, List.of(new ContentBlock.ToolResult("call:1/a", List.of(), false,
                        Extras.NONE))))).build();

        JsonNode body = encode(r, WireProtocol.ANTHROPIC);

        String id = body.at("/messages/0/content/0/id").asText();
        assertThat(id).matches("[A-Za-z0-9_-]+").isEqualTo(body.at("/messages/1/content/0/tool_use_id").asText());
    }

    @Test
    void mergesConsecutiveForeignTurnsWithToolResultsFirst() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.OPENAI_RESPONSES, "tools");

        JsonNode body = encode(r, WireProtocol.ANTHROPIC);

        assertThat(body.at("/messages/1/content")).extracting(n -> n.get("type").asText()).containsExactly("text", "tool_use", "tool_use");
        assertThat(body.at("/messages/2/content")).extracting(n -> n.get("type").asText()).containsExactly("tool_result", "tool_result");
    }
}
