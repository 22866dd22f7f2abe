package dev.lakegate.protocol.canonical.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.WireProtocol;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decode then encode with the same protocol gives the same JSON, for every fixture and every
 * captured agent request: what the canonical model does not carry rides in extras.
 */
class RequestRoundTripTest {

    static Stream<String> resources() {
        Stream<String> fixtures = Stream.of(WireProtocol.values())
                .flatMap(p -> RequestFixtures.SCENARIOS.stream().map(s -> RequestFixtures.dir(p) + s + ".json"));
        return Stream.concat(fixtures, RequestFixtures.CAPTURED.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void sameProtocolRoundTripIsLossless(String resource) {
        WireProtocol protocol = RequestFixtures.protocolOf(resource);
        byte[] body = RequestFixtures.bytes(resource);
        CanonicalRequest request = RequestCodec.of(protocol).decode(body);

        byte[] again = RequestCodec.of(protocol).encode(request, request.model());

        RequestFixtures.assertSameJson(body, again);
        assertThat(RequestCodec.of(protocol).decode(again)).as("decoding the re-encoded body").isEqualTo(request);
    }
}
