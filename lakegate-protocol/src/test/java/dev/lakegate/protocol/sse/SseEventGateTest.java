package dev.lakegate.protocol.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseEventGateTest {
    private static final String ANTHROPIC = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":5}}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hé\\n"}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    /** What each feed wrote, in order. */
    private final List<String> writes = new ArrayList<>();
    private final SseEventGate gate = new SseEventGate(1024);

    private void feed(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        gate.feed(bytes, 0, bytes.length, (b, off, len) -> writes.add(new String(b, off, len, StandardCharsets.UTF_8)));
    }

    @Test
    void wholeEventsPassAsTheyCome() throws Exception {
        feed(ANTHROPIC);
        assertThat(writes).containsExactly(ANTHROPIC);
        assertThat(gate.midEvent()).isFalse();
        assertThat(gate.malformed()).isFalse();
    }

    @Test
    void theUnfinishedTailOfAReadIsHeldUntilItsBlankLine() throws Exception {
        feed("data: {\"a\":1}\n\ndata: {\"b\":");
        assertThat(writes).containsExactly("data: {\"a\":1}\n\n");
        assertThat(gate.midEvent()).isTrue();
        feed("2}\n");
        assertThat(writes).hasSize(1);
        assertThat(gate.midEvent()).isTrue();
        feed("\n");
        assertThat(writes).containsExactly("data: {\"a\":1}\n\n", "data: {\"b\":2}\n\n");
        assertThat(gate.midEvent()).isFalse();
    }

    @Test
    void aStreamEndingInsideAnEventIsSeenAsSuch() throws Exception {
        feed("data: {\"a\":1}\n\ndata: {\"id\":\"cut\",\"choices\":[{\"delta\":{\"content\":\"lo");
        assertThat(gate.midEvent()).isTrue();
        assertThat(String.join("", writes)).isEqualTo("data: {\"a\":1}\n\n");
    }

    @Test
    void anEventWhoseDataIsNotJsonStopsTheStreamBeforeIt() throws Exception {
        feed("data: {\"a\":1}\n\n");
        feed("data: {\"id\":\"bad\",\"choices\":[{\"delta\":{\"content\"\n\ndata: {\"c\":3}\n\n");
        assertThat(gate.malformed()).isTrue();
        feed("data: {\"d\":4}\n\n");
        assertThat(writes).containsExactly("data: {\"a\":1}\n\n");
    }

    @Test
    void theWholeEventsBeforeABadOneInTheSameReadPass() throws Exception {
        feed("data: {\"a\":1}\n\n\ndata: oops\n\ndata: {\"c\":3}\n\n");
        assertThat(writes).containsExactly("data: {\"a\":1}\n\n\n");
        assertThat(gate.malformed()).isTrue();
        assertThat(gate.midEvent()).isFalse();
    }

    @Test
    void twoJsonValuesInOneEventAreNotJson() throws Exception {
        feed("data: {\"a\":1} {\"b\":2}\n\n");
        assertThat(gate.malformed()).isTrue();
        assertThat(writes).isEmpty();
    }

    @Test
    void doneCommentsEmptyDataAndMultiLineJsonPass() throws Exception {
        String stream = ": keep-alive\n\ndata:\n\ndata: {\"a\":\ndata: [1,2]}\n\ndata: [DONE]\n\n";
        feed(stream);
        assertThat(gate.malformed()).isFalse();
        assertThat(String.join("", writes)).isEqualTo(stream);
    }

    @Test
    void crlfAndCrLineEndsSplitAnywhere() throws Exception {
        feed("data: {\"a\":1}\r\n\r");
        assertThat(writes).containsExactly("data: {\"a\":1}\r\n\r");
        feed("\ndata: {\"b\":2}\r\r");
        assertThat(writes).containsExactly("data: {\"a\":1}\r\n\r", "\ndata: {\"b\":2}\r\r");
        assertThat(gate.midEvent()).isFalse();
    }

    @Test
    void anEventOverTheLimitPassesUncheckedAsItComesAndTheNextAreCheckedAgain() throws Exception {
        String big = "data: {\"text\":\"" + "x".repeat(2000);
        feed(big);
        assertThat(String.join("", writes)).isEqualTo(big);
        assertThat(gate.midEvent()).isTrue();
        feed("\"}\n\ndata: {\"b\":2}\n\n");
        assertThat(String.join("", writes)).isEqualTo(big + "\"}\n\ndata: {\"b\":2}\n\n");
        assertThat(gate.midEvent()).isFalse();
        feed("data: nope\n\n");
        assertThat(gate.malformed()).isTrue();
    }

    @Test
    void whatPassesDoesNotDependOnHowTheBytesAreChunked() throws Exception {
        byte[] stream = (ANTHROPIC + "data: {\"tail\":\r\ndata: true}\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            SseEventGate chunked = new SseEventGate(1024);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < stream.length) {
                int n = Math.min(stream.length - at, 1 + random.nextInt(40));
                chunked.feed(stream, at, n, out::write);
                at += n;
            }
            assertThat(out.toByteArray()).isEqualTo(stream);
            assertThat(chunked.midEvent()).isFalse();
            assertThat(chunked.malformed()).isFalse();
        }
    }
}
