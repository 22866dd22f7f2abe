package dev.lakegate.protocol.openai.responses;

import static dev.lakegate.protocol.canonical.request.RequestFixtures.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.OtherTool;
import dev.lakegate.protocol.canonical.request.Reasoning;
import dev.lakegate.protocol.canonical.request.RequestCodec;
import dev.lakegate.protocol.canonical.request.RequestFixtures;
import dev.lakegate.protocol.canonical.request.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesRequestCodecTest {

    @Test
    void codexSystemPromptIsDeveloperMessagesAndItsSpecialToolsAreOtherTools() {
        CanonicalRequest r = RequestFixtures.decode("openai/responses/request/captured/codex-gpt-5.5.json");

        assertThat(r.system()).isEmpty();
        assertThat(r.messages()).extracting(Message::role)
                .containsExactly(Message.Role.SYSTEM, Message.Role.SYSTEM, Message.Role.USER, Message.Role.USER);
        assertThat(r.otherTools()).extracting(OtherTool::type).containsExactly("custom", "tool_search", "web_search");
        assertThat(r.tools()).extracting(t -> t.name()).contains("exec_command", "view_image");
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Auto());
        assertThat(r.reasoning()).isEqualTo(new Reasoning(null, Reasoning.Effort.MEDIUM, null, null));
        assertThat(r.extras().fields().get("text")).isEqualTo(RequestFixtures.tree("{\"verbosity\":\"low\"}"));
        assertThat(r.extras().fields().has("prompt_cache_key")).isTrue();
    }

    @Test
    void encryptedReasoningGoesBackToResponsesOnly() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.OPENAI_RESPONSES, "reasoning");

        assertThat(r.messages().get(2).content()).singleElement().isInstanceOfSatisfying(ContentBlock.Thinking.class, t -> {
            assertThat(t.text()).isEqualTo("Checked divisors up to 31.");
            assertThat(t.signature()).isEqualTo("gAAAAABencrypted-openai-only");
        });
        assertThat(encode(r, WireProtocol.OPENAI_RESPONSES).at("/input/2/encrypted_content").asText()).isEqualTo("gAAAAABencrypted-openai-only");
        for (WireProtocol other : new WireProtocol[] {WireProtocol.ANTHROPIC, WireProtocol.OPENAI_CHAT, WireProtocol.GEMINI}) {
            assertThat(encode(r, other).toString()).doesNotContain("gAAAAAB").doesNotContain("Checked divisors");
        }
    }

    @Test
    void foreignRequestsAreNotStoredAtOpenAiAndShowReasoningSummaries() {
        JsonNode body = encode(RequestFixtures.scenario(WireProtocol.ANTHROPIC, "reasoning"), WireProtocol.OPENAI_RESPONSES);

        assertThat(body.at("/store").asBoolean(true)).isFalse();
        assertThat(body.at("/reasoning")).isEqualTo(RequestFixtures.tree("{\"effort\":\"medium\",\"summary\":\"auto\"}"));
    }

    @Test
    void customToolCallsStayWithResponses() {
        byte[] body = """
                {"model":"m","input":[{"type":"message","role":"user","content":"patch it"},
                 {"type":"custom_tool_call","call_id":"c1","name":"apply_patch","input":"*** Begin Patch"},
                 {"type":"custom_tool_call_output","call_id":"c1","output":"ok"},
                 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Patched."}]}],
                 "tools":[{"type":"custom","name":"apply_patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}}],
                 "tool_choice":{"type":"custom","name":"apply_patch"}}""".getBytes(StandardCharsets.UTF_8);
        CanonicalRequest r = RequestCodec.of(WireProtocol.OPENAI_RESPONSES).decode(body);

        RequestFixtures.assertSameJson(body, RequestCodec.of(WireProtocol.OPENAI_RESPONSES).encode(r, "m"));
        JsonNode anthropic = encode(r, WireProtocol.ANTHROPIC);
        assertThat(anthropic.at("/messages")).hasSize(2);
        assertThat(anthropic.has("tools")).isFalse();
        assertThat(anthropic.has("tool_choice")).isFalse();
    }

    @Test
    void functionOutputsWithImagesUseContentParts() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.OPENAI_CHAT, "tools").toBuilder().build();
        ContentBlock.Image image = new ContentBlock.Image(new ContentBlock.Image.Url("https://example.com/a.png", null),
                Extras.NONE);
        CanonicalRequest withImage = r.toBuilder().messages(List.of(r.messages().get(1),
                new Message(Message.Role.USER, List.of(new ContentBlock.ToolResult("call_01Weather",
                        List.of(new ContentBlock.Text("see"), image), false, Extras.NONE))))).build();

        JsonNode body = encode(withImage, WireProtocol.OPENAI_RESPONSES);

        assertThat(body.at("/input/3/output")).isEqualTo(RequestFixtures.tree(
                "[{\"type\":\"input_text\",\"text\":\"see\"},{\"type\":\"input_image\",\"image_url\":\"https://example.com/a.png\"}]"));
    }
}
