package dev.lakegate.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lakegate.protocol.Chunkings;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets: an upstream's response body, streamed through each protocol's {@link StreamDecoder}
 * in every chunking of {@link Chunkings}, and read whole by {@link ResponseReader#unary}. Either
 * succeeds or fails with UPSTREAM_ERROR (a 502 or an in-stream error for the client), nothing else;
 * a decoded stream keeps its grammar (one Start first, one Finish last); and the events, or the
 * failure, do not depend on where the body was cut. Seeds: recorded upstream streams in
 * {@code ResponseReaderFuzzTestInputs/<method>/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResponseReaderFuzzTest {

    @FuzzTest
    void anthropic(byte[] body) {
        check(WireProtocol.ANTHROPIC, Framing.SSE, body);
    }

    @FuzzTest
    void openaiChat(byte[] body) {
        check(WireProtocol.OPENAI_CHAT, Framing.SSE, body);
    }

    @FuzzTest
    void openaiResponses(byte[] body) {
        check(WireProtocol.OPENAI_RESPONSES, Framing.SSE, body);
    }

    @FuzzTest
    void gemini(byte[] body) {
        check(WireProtocol.GEMINI, Framing.SSE, body);
    }

    @FuzzTest
    void geminiArray(byte[] body) {
        check(WireProtocol.GEMINI, Framing.JSON_ARRAY, body);
    }

    private static void check(WireProtocol protocol, Framing framing, byte[] body) {
        List<int[]> cuts = Chunkings.of(body);
        Outcome whole = stream(protocol, framing, body, cuts.getFirst());
        for (int[] sizes : cuts.subList(1, cuts.size())) {
            assertThat(stream(protocol, framing, body, sizes)).isEqualTo(whole);
        }
        try {
            ResponseReader.of(protocol).unary(body);
        } catch (GatewayException e) {
            assertThat(e.error().category()).as(e.getMessage()).isEqualTo(ErrorCategory.UPSTREAM_ERROR);
        }
    }

    /** The events as {@link Decoding#dump} shows them, and the failure's category when the stream broke. */
    private record Outcome(String events, ErrorCategory failure) {}

    private static Outcome stream(WireProtocol protocol, Framing framing, byte[] body, int[] sizes) {
        List<StreamEvent> events = new ArrayList<>();
        StreamDecoder decoder = ResponseReader.of(protocol).stream(framing, events::add);
        ErrorCategory failure = null;
        try {
            Chunkings.feed(body, sizes, decoder::feed);
            StreamEvent.Finish finish = decoder.finish();
            assertThat(events.getFirst()).isInstanceOf(StreamEvent.Start.class);
            assertThat(events.getLast()).isSameAs(finish);
            assertThat(events.stream().filter(e -> e instanceof StreamEvent.Start)).hasSize(1);
            assertThat(events.stream().filter(e -> e instanceof StreamEvent.Finish)).hasSize(1);
            assertThat(decoder.finish()).as("finish() is idempotent").isSameAs(finish);
        } catch (GatewayException e) {
            failure = e.error().category();
            assertThat(failure).as(e.getMessage()).isEqualTo(ErrorCategory.UPSTREAM_ERROR);
            assertThat(events.stream().filter(ev -> ev instanceof StreamEvent.Finish)).isEmpty();
        }
        return new Outcome(new String(Decoding.dump(events), StandardCharsets.UTF_8), failure);
    }
}
