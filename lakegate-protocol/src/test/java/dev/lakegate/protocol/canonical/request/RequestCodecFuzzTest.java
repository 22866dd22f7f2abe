package dev.lakegate.protocol.canonical.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.scan.RequestScan;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets: a client's request body, as each surface reads it — {@link RequestScan} (every lane)
 * then the protocol's {@link RequestCodec#decode} (the translation lane). Arbitrary bytes are either
 * accepted or refused with INVALID_REQUEST (a 400 in the client's protocol), nothing else; what the
 * codec writes for an accepted request decodes and writes back unchanged (same-protocol round trip),
 * and the scan's model rewrite reads back.
 * Seeds: captured agent requests and the codec fixtures, in {@code RequestCodecFuzzTestInputs/<method>/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestCodecFuzzTest {

    @FuzzTest
    void anthropic(byte[] body) {
        check(WireProtocol.ANTHROPIC, body);
    }

    @FuzzTest
    void openaiChat(byte[] body) {
        check(WireProtocol.OPENAI_CHAT, body);
    }

    @FuzzTest
    void openaiResponses(byte[] body) {
        check(WireProtocol.OPENAI_RESPONSES, body);
    }

    @FuzzTest
    void gemini(byte[] body) {
        check(WireProtocol.GEMINI, body);
    }

    private static void check(WireProtocol protocol, byte[] body) {
        scan(body);
        RequestCodec codec = RequestCodec.of(protocol);
        CanonicalRequest request;
        try {
            request = codec.decode(body);
        } catch (GatewayException e) {
            assertThat(e.error().category()).as(e.getMessage()).isEqualTo(ErrorCategory.INVALID_REQUEST);
            return;
        }
        // Writing may complete a lenient body (Anthropic's required max_tokens, an empty reasoning summary) or drop
        // what the protocol cannot send (an empty message, a tool choice without tools): from then on it is lossless.
        byte[] written = codec.encode(request, request.model());
        CanonicalRequest normalised = codec.decode(written);
        byte[] again = codec.encode(normalised, normalised.model());
        assertThat(new String(again, StandardCharsets.UTF_8)).as("written again").isEqualTo(new String(written, StandardCharsets.UTF_8));
        assertThat(codec.decode(again)).as("decoding the re-encoded body").isEqualTo(normalised);
    }

    private static void scan(byte[] body) {
        RequestScan scan;
        try {
            scan = RequestScan.of(body);
        } catch (GatewayException e) {
            assertThat(e.error().category()).as(e.getMessage()).isEqualTo(ErrorCategory.INVALID_REQUEST);
            return;
        }
        if (scan.modelStart() >= 0) {
            RequestScan rewritten = RequestScan.of(scan.withModel(body, "fuzz\"model\u00e9"));
            assertThat(rewritten.model()).isEqualTo("fuzz\"model\u00e9");
            assertThat(rewritten.stream()).isEqualTo(scan.stream());
        }
    }
}
