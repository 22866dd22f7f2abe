package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Fixtures.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every protocol × scenario, unary and streamed, against the golden files in {@code src/test/resources/<protocol>/response/}. */
class ResponseWriterGoldenTest {

    static Stream<Arguments> cases() {
        return Stream.of(WireProtocol.values())
                .flatMap(p -> Stream.of(Scenario.values()).map(s -> Arguments.of(p, s)));
    }

    @ParameterizedTest(name = "{0} {1} unary")
    @MethodSource("cases")
    void unary(WireProtocol protocol, Scenario scenario) {
        byte[] body = ResponseWriter.of(protocol, Fixtures.CLOCK).unary(Fixtures.response(scenario));
        Golden.assertJson(dir(protocol) + Fixtures.fileName(scenario) + ".json", body);
    }

    @ParameterizedTest(name = "{0} {1} stream")
    @MethodSource("cases")
    void stream(WireProtocol protocol, Scenario scenario) {
        StreamOptions options = new StreamOptions(Framing.SSE, true);
        Golden.assertStream(dir(protocol) + Fixtures.fileName(scenario) + ".sse", encode(protocol, options, scenario));
    }

    /** Encodes a fixture streamed in two pieces per string, so every delta kind appears more than once. */
    public static List<byte[]> encode(WireProtocol protocol, StreamOptions options, Scenario scenario) {
        StreamEncoder encoder = ResponseWriter.of(protocol, Fixtures.CLOCK).stream(options);
        List<byte[]> out = new ArrayList<>();
        StreamEvents.from(Fixtures.response(scenario), 2).forEach(e -> out.addAll(encoder.encode(e)));
        return out;
    }

    static String dir(WireProtocol protocol) {
        return switch (protocol) {
            case ANTHROPIC -> "anthropic/response/";
            case OPENAI_CHAT -> "openai/chat/response/";
            case OPENAI_RESPONSES -> "openai/responses/response/";
            case GEMINI -> "gemini/response/";
        };
    }
}
