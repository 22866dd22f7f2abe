package dev.lakegate.protocol.canonical.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Golden;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every source protocol × every other target protocol × every scenario: the encoded body matches its
 * golden file ({@code <target>/request/from-<source>/<scenario>.json}; rewrite with
 * {@code -Dgolden.update=true} and review the diff), and decoding it again with the target's codec
 * gives back the same conversation, tools, limits and format.
 */
class CrossProtocolGoldenTest {

    static Stream<Arguments> pairs() {
        return Stream.of(WireProtocol.values()).flatMap(source -> Stream.of(WireProtocol.values()).filter(t -> t != source)
                .flatMap(target -> RequestFixtures.SCENARIOS.stream().map(s -> Arguments.of(source, target, s))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("pairs")
    void encodesLikeTheGoldenFile(WireProtocol source, WireProtocol target, String scenario) {
        byte[] body = RequestCodec.of(target).encode(RequestFixtures.scenario(source, scenario), "upstream-model");
        Golden.assertJson(RequestFixtures.dir(target) + "from-" + source.id() + "/" + scenario + ".json", body);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("pairs")
    void targetDecodesTheSameConversation(WireProtocol source, WireProtocol target, String scenario) {
        CanonicalRequest original = RequestFixtures.scenario(source, scenario);
        CanonicalRequest translated = RequestCodec.of(target).decode(RequestCodec.of(target).encode(original, "upstream-model"));

        Essentials expected = Essentials.of(original);
        Essentials actual = Essentials.of(translated);
        assertThat(actual.instructions()).isEqualTo(expected.instructions());
        assertThat(actual.dialogue()).isEqualTo(expected.dialogue());
        assertThat(actual.tools()).isEqualTo(expected.tools());
        assertThat(actual.format()).isEqualTo(expected.format() == null || expected.format().equals("JsonObject") && target == WireProtocol.ANTHROPIC
                ? null : expected.format());
        if (expected.maxTokens() != null) {
            assertThat(actual.maxTokens()).isEqualTo(expected.maxTokens());
        }
        if (expected.temperature() != null) {
            assertThat(actual.temperature()).isEqualTo(expected.temperature());
        }
        assertResultsPairWithCalls(translated);
        if (source != WireProtocol.GEMINI && target != WireProtocol.GEMINI) {
            assertThat(ids(translated)).as("tool call ids kept where both sides have ids").isEqualTo(ids(original));
        }
    }

    /** Each tool result answers exactly one earlier call. */
    static void assertResultsPairWithCalls(CanonicalRequest r) {
        Set<String> open = new HashSet<>();
        for (Message m : r.messages()) {
            for (ContentBlock b : m.content()) {
                if (b instanceof ContentBlock.ToolUse t) {
                    assertThat(open.add(t.id())).as("call id %s used once", t.id()).isTrue();
                } else if (b instanceof ContentBlock.ToolResult t) {
                    assertThat(open.remove(t.toolUseId())).as("result %s answers an open call", t.toolUseId()).isTrue();
                }
            }
        }
    }

    private static List<String> ids(CanonicalRequest r) {
        return r.messages().stream().flatMap(m -> m.content().stream()).map(b -> switch (b) {
            case ContentBlock.ToolUse t -> "call " + t.id();
            case ContentBlock.ToolResult t -> "result " + t.toolUseId();
            default -> "";
        }).filter(s -> !s.isEmpty()).toList();
    }
}
