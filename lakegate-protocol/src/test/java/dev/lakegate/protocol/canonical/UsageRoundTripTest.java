package dev.lakegate.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Fixtures.Scenario;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.protocol.usage.UsageTap;
import dev.lakegate.protocol.usage.UsageTaps;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the writers put on the wire, the usage taps read back: the two directions of Usage's normalisation agree. */
class UsageRoundTripTest {

    static Stream<Arguments> cases() {
        return Stream.of(WireProtocol.values()).flatMap(p -> Stream.of(Scenario.USAGE, Scenario.THINKING).flatMap(s -> {
            Stream<Framing> framings = p == WireProtocol.GEMINI ? Stream.of(Framing.JSON, Framing.SSE, Framing.JSON_ARRAY) : Stream.of(Framing.JSON, Framing.SSE);
            return framings.map(f -> Arguments.of(p, s, f));
        }));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void tapsReadBackWhatWritersWrote(WireProtocol protocol, Scenario scenario, Framing framing) {
        CanonicalResponse response = Fixtures.response(scenario);
        ResponseWriter writer = ResponseWriter.of(protocol, Fixtures.CLOCK);
        List<byte[]> wire = framing == Framing.JSON ? List.of(writer.unary(response))
                : WireEvents.encode(writer.stream(new StreamOptions(framing, true)), StreamEvents.from(response, 2));
        UsageTap tap = UsageTaps.forResponse(protocol, framing);
        wire.forEach(chunk -> tap.onBytes(chunk, 0, chunk.length));
        assertThat(tap.finish()).isEqualTo(carried(protocol, response.usage()));
    }

    /** The part of a usage a protocol can carry: Anthropic reports no reasoning count, the others no cache writes. */
    private static Usage carried(WireProtocol protocol, Usage u) {
        return switch (protocol) {
            case ANTHROPIC -> new Usage(u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheCreationTokens(), u.cacheCreation1hTokens(), 0,
                    false);
            case OPENAI_CHAT, OPENAI_RESPONSES, GEMINI -> new Usage(u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), 0, u.reasoningTokens(), false);
        };
    }
}
