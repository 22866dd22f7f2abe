package dev.lakegate.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The translation lane's path for all 16 upstream × client pairs: decode P's stream, re-encode the
 * decoded events with Q's encoder, decode that with Q's decoder; the answer is what P carried, minus
 * what Q cannot carry. The same through Q's unary writer and reader.
 */
class CrossProtocolDecodeTest {

    static Stream<Arguments> pairs() {
        return Stream.of(WireProtocol.values()).flatMap(p -> Stream.of(WireProtocol.values()).flatMap(q ->
                DecodeCases.all().keySet().stream().map(name -> Arguments.of(p, q, name))));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairs")
    void decodedStreamsSurviveReencoding(WireProtocol upstream, WireProtocol client, String name) {
        CanonicalResponse original = DecodeCases.all().get(name);
        Decoding.Decoded fromUpstream = Decoding.stream(upstream, Framing.SSE, encode(upstream, Framing.SSE, original), 5);
        CanonicalResponse carried = DecodeCases.carried(upstream, original, true);
        assertThat(fromUpstream.response()).isEqualTo(carried);
        CanonicalResponse expected = DecodeCases.carried(client, carried, true);

        Framing framing = client == WireProtocol.GEMINI && name.length() % 2 == 0 ? Framing.JSON_ARRAY : Framing.SSE;
        StreamEncoder encoder = ResponseWriter.of(client, Fixtures.CLOCK).stream(new StreamOptions(framing, true));
        byte[] clientWire = Decoding.concat(WireEvents.encode(encoder, fromUpstream.events()));
        assertThat(Decoding.stream(client, framing, clientWire, 3).response()).isEqualTo(expected);

        byte[] clientBody = ResponseWriter.of(client, Fixtures.CLOCK).unary(fromUpstream.response());
        assertThat(ResponseReader.of(client).unary(clientBody)).isEqualTo(expected);
    }

    private static byte[] encode(WireProtocol protocol, Framing framing, CanonicalResponse response) {
        StreamEncoder encoder = ResponseWriter.of(protocol, Fixtures.CLOCK).stream(new StreamOptions(framing, true));
        return Decoding.concat(WireEvents.encode(encoder, StreamEvents.from(response, 2)));
    }
}
