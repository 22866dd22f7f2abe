package dev.lakegate.protocol.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Fixtures;
import dev.lakegate.protocol.canonical.Fixtures.Scenario;
import dev.lakegate.protocol.canonical.Golden;
import dev.lakegate.protocol.canonical.Json;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte scan that counts generated text for estimates ({@link UsageTap#answerCharacters()}) agrees with
 * what the canonical model says the answer holds, on every protocol's golden answers, fed in any chunks.
 */
class AnswerCharactersTest {

    static Stream<Arguments> goldens() {
        return Stream.of(WireProtocol.values()).flatMap(p -> Stream.of(Scenario.values()).flatMap(s -> Stream.of(
                Arguments.of(p, s, Framing.JSON), Arguments.of(p, s, Framing.SSE))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("goldens")
    void countsTheTextOfEveryGoldenAnswerByteByByteOrWhole(WireProtocol protocol, Scenario scenario, Framing framing) {
        String file = dir(protocol) + Fixtures.fileName(scenario) + (framing == Framing.JSON ? ".json" : ".sse");
        byte[] body = Golden.read(file).getBytes(StandardCharsets.UTF_8);
        long expected = expected(protocol, framing, Fixtures.response(scenario));
        assertThat(characters(protocol, framing, body, body.length)).as(file).isEqualTo(expected);
        assertThat(characters(protocol, framing, body, 1)).as(file + " byte by byte").isEqualTo(expected);
    }

    /**
     * What the scan is meant to see: answer text, reasoning (which OpenAI Chat cannot carry), and tool arguments where
     * the wire carries them as strings.
     */
    private static long expected(WireProtocol protocol, Framing framing, CanonicalResponse answer) {
        boolean argumentsAsStrings = protocol != WireProtocol.GEMINI && !(protocol == WireProtocol.ANTHROPIC && framing == Framing.JSON);
        long n = 0;
        for (ContentBlock block : answer.content()) {
            n += switch (block) {
                case ContentBlock.Text t -> t.text().length();
                case ContentBlock.Thinking t -> protocol == WireProtocol.OPENAI_CHAT ? 0 : t.text().length();
                case ContentBlock.ToolUse t -> argumentsAsStrings ? Json.string(t.input()).length() : 0;
                default -> 0;
            };
        }
        return n;
    }

    @Test
    void escapesAndSupplementaryCharactersCountAsUtf16Units() {
        String body = "{\"content\":\"a\\n\\\"b\\u00e9é😀\",\"role\":\"assistant\",\"name\":\"content\"}";
        // a, \n, \", b, \u00e9, é, 😀 (two units); the value "content" of another key is not counted
        assertThat(characters(WireProtocol.OPENAI_CHAT, Framing.JSON, body.getBytes(StandardCharsets.UTF_8), 1)).isEqualTo(8);
    }

    @Test
    void whitespaceAroundColonsAndNonStringValuesAreHandled() {
        String gemini = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\" : \"Hello\"}, {\"text\": null}]}}]}\n\n";
        assertThat(characters(WireProtocol.GEMINI, Framing.SSE, gemini.getBytes(StandardCharsets.UTF_8), 3)).isEqualTo(5);
    }

    @Test
    void responsesStreamsCountDeltasOnlyNotTheirRepeats() {
        String stream = """
                event: response.output_text.delta
                data: {"type":"response.output_text.delta","delta":"Hi"}

                event: response.output_text.done
                data: {"type":"response.output_text.done","text":"Hi"}

                event: response.completed
                data: {"type":"response.completed","response":{"output":[{"content":[{"type":"output_text","text":"Hi"}]}]}}

                """;
        assertThat(characters(WireProtocol.OPENAI_RESPONSES, Framing.SSE, stream.getBytes(StandardCharsets.UTF_8), 5)).isEqualTo(2);
    }

    private static long characters(WireProtocol protocol, Framing framing, byte[] body, int chunk) {
        UsageTap tap = UsageTaps.forResponse(protocol, framing);
        for (int i = 0; i < body.length; i += chunk) {
            tap.onBytes(body, i, Math.min(chunk, body.length - i));
        }
        tap.finish();
        return tap.answerCharacters();
    }

    private static String dir(WireProtocol protocol) {
        return switch (protocol) {
            case ANTHROPIC -> "anthropic/response/";
            case OPENAI_CHAT -> "openai/chat/response/";
            case OPENAI_RESPONSES -> "openai/responses/response/";
            case GEMINI -> "gemini/response/";
        };
    }
}
