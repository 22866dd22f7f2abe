package dev.lakegate.protocol.canonical.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the real agents send decodes into the canonical model with nothing lost, and translates to every other protocol. */
class CapturedRequestsTest {

    @Test
    void claudeCodeMainTurn() {
        CanonicalRequest r = RequestFixtures.decode("anthropic/request/captured/claude-code-text.json");

        assertThat(r.model()).isEqualTo("gw-claude");
        assertThat(r.stream()).isTrue();
        assertThat(r.sampling().maxOutputTokens()).isEqualTo(32000);
        assertThat(r.system()).hasSize(3);
        assertThat(r.system().get(0).text()).startsWith("x-anthropic-billing-header:");
        assertThat(r.system().get(0).extras().fields().isEmpty()).isTrue();
        assertThat(r.system().get(2).extras().field(WireProtocol.ANTHROPIC, "cache_control"))
                .isEqualTo(RequestFixtures.tree("{\"type\":\"ephemeral\"}"));
        assertThat(r.messages()).extracting(Message::role).containsExactly(Message.Role.USER, Message.Role.SYSTEM);
        assertThat(r.tools()).hasSize(25).allSatisfy(t -> assertThat(t.inputSchema().get("type").asText()).isEqualTo("object"));
        assertThat(r.otherTools()).isEmpty();
        assertThat(r.reasoning()).isEqualTo(new Reasoning(Reasoning.Mode.ADAPTIVE, Reasoning.Effort.HIGH, null, true));
        assertThat(r.userId()).startsWith("{\"device_id\":");
        assertThat(r.toolChoice()).isNull();
    }

    @Test
    void claudeCodeTitleCallAsksForJson() {
        CanonicalRequest r = RequestFixtures.decode("anthropic/request/captured/claude-code-title.json");

        assertThat(r.outputFormat()).isInstanceOfSatisfying(OutputFormat.JsonSchema.class,
                s -> assertThat(s.schema().at("/required/0").asText()).isEqualTo("title"));
        assertThat(r.tools()).isEmpty();
        assertThat(RequestFixtures.encode(r, WireProtocol.OPENAI_CHAT).at("/response_format/json_schema/name").asText()).isEqualTo("response");
        assertThat(RequestFixtures.encode(r, WireProtocol.GEMINI).at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
    }

    @Test
    void claudeCodeToolResult() {
        CanonicalRequest r = RequestFixtures.decode("anthropic/request/captured/claude-code-tool-result.json");

        ContentBlock.ToolUse call = (ContentBlock.ToolUse) r.messages().get(2).content().getFirst();
        ContentBlock.ToolResult result = (ContentBlock.ToolResult) r.messages().get(3).content().getFirst();
        assertThat(call.name()).isEqualTo("Bash");
        assertThat(call.input().get("command").asText()).isEqualTo("echo hello-from-tool");
        assertThat(result.toolUseId()).isEqualTo(call.id());
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).extracting(b -> ((ContentBlock.Text) b).text()).containsExactly("hello-from-tool");
        assertThat(result.extras().field(WireProtocol.ANTHROPIC, "cache_control")).isNotNull();
    }

    @Test
    void codexTurnWithToolResult() {
        CanonicalRequest r = RequestFixtures.decode("openai/responses/request/captured/codex-tool-result.json");

        assertThat(r.messages()).extracting(Message::role).containsExactly(Message.Role.SYSTEM, Message.Role.SYSTEM,
                Message.Role.USER, Message.Role.USER, Message.Role.ASSISTANT, Message.Role.USER);
        ContentBlock.ToolUse call = (ContentBlock.ToolUse) r.messages().get(4).content().getFirst();
        assertThat(call.id()).isEqualTo("call_6027970d04ef018e1ea9a21d");
        assertThat(call.input().get("cmd").asText()).isEqualTo("echo hello-from-tool");
        assertThat(((ContentBlock.ToolResult) r.messages().get(5).content().getFirst()).toolUseId()).isEqualTo(call.id());
        assertThat(r.otherTools()).extracting(OtherTool::type).containsExactly("namespace", "web_search");
        assertThat(r.parallelToolCalls()).isTrue();
        assertThat(r.reasoning()).isEqualTo(new Reasoning(null, null, null, true));
        assertThat(r.extras().fields().get("store").asBoolean(true)).isFalse();
        assertThat(r.extras().fields().get("include").get(0).asText()).isEqualTo("reasoning.encrypted_content");
    }

    @Test
    void geminiCliTurn() {
        CanonicalRequest r = RequestFixtures.decode("gemini/request/captured/gemini-cli-text.json");

        assertThat(r.system()).singleElement().satisfies(t -> assertThat(t.text()).startsWith("You are Gemini CLI"));
        assertThat(r.tools()).hasSize(8).allSatisfy(t -> assertThat(t.inputSchema()).isNotNull());
        assertThat(r.sampling()).isEqualTo(new Sampling(null, 1.0, 0.95, 64, List.of()));
        assertThat(r.reasoning()).isEqualTo(new Reasoning(null, null, null, true));
        assertThat(RequestFixtures.decode("gemini/request/captured/gemini-cli-2.5-flash.json").reasoning())
                .isEqualTo(new Reasoning(Reasoning.Mode.ENABLED, null, 8192, true));
    }

    static Stream<String> captured() {
        return RequestFixtures.CAPTURED.stream();
    }

    /** Every captured request translates to every other protocol into a body that protocol decodes, with the tool ids paired. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void translatesToEveryOtherProtocol(String resource) {
        CanonicalRequest r = RequestFixtures.decode(resource);
        for (WireProtocol target : WireProtocol.values()) {
            CanonicalRequest translated = RequestCodec.of(target).decode(RequestCodec.of(target).encode(r, "upstream-model"));
            CrossProtocolGoldenTest.assertResultsPairWithCalls(translated);
            assertThat(Essentials.of(translated).dialogue()).as("%s -> %s", resource, target).isNotEmpty();
            assertThat(translated.tools()).extracting(Tool::name).isEqualTo(r.tools().stream().map(Tool::name).toList());
        }
    }
}
