package dev.lakegate.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writer then reader, per protocol: what {@link ResponseWriter} puts on the wire, unary or streamed
 * (every framing), the protocol's reader gives back, minus what the protocol cannot carry
 * ({@link DecodeCases#carried}). Streams are fed whole, byte by byte and in odd-sized pieces.
 */
class DecodeRoundTripTest {

    static Stream<Arguments> cases() {
        return Stream.of(WireProtocol.values()).flatMap(p -> DecodeCases.all().keySet().stream().map(name -> Arguments.of(p, name)));
    }

    static Stream<Arguments> streamCases() {
        return cases().flatMap(a -> {
            WireProtocol p = (WireProtocol) a.get()[0];
            Stream<Framing> framings = p == WireProtocol.GEMINI ? Stream.of(Framing.SSE, Framing.JSON_ARRAY) : Stream.of(Framing.SSE);
            return framings.map(f -> Arguments.of(p, a.get()[1], f));
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void unaryBodiesReadBack(WireProtocol protocol, String name) {
        CanonicalResponse original = DecodeCases.all().get(name);
        byte[] body = ResponseWriter.of(protocol, Fixtures.CLOCK).unary(original);
        assertThat(ResponseReader.of(protocol).unary(body)).isEqualTo(DecodeCases.carried(protocol, original, false));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("streamCases")
    void streamsDecodeBack(WireProtocol protocol, String name, Framing framing) {
        CanonicalResponse original = DecodeCases.all().get(name);
        for (int pieces : List.of(1, 3)) {
            StreamEncoder encoder = ResponseWriter.of(protocol, Fixtures.CLOCK).stream(new StreamOptions(framing, true));
            byte[] wire = Decoding.concat(WireEvents.encode(encoder, StreamEvents.from(original, pieces)));
            Decoding.Decoded decoded = Decoding.streamAnyChunking(protocol, framing, wire);
            assertThat(decoded.response()).isEqualTo(DecodeCases.carried(protocol, original, true));
            StreamEvent.Start start = (StreamEvent.Start) decoded.events().getFirst();
            assertThat(start.usage().outputTokens()).as("Start carries the prompt part only").isZero();
        }
    }
}
