package dev.lakegate.protocol.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {
    /** Every grammar feature at once; line breaks written as \n and swapped per test. */
    private static final String STREAM = """
            : keep-alive comment
            event: message_start
            data: {"type":"message_start"}

            event:content_block_delta
            data:{"text":"héllo wörld ✓ 日本 🎉"}

            data: first line
            data:second line
            data
            id: 7
            retry: 1000
            unknown: ignored

            event: ping

            data: {"type":"message_stop"}

            """;

    private static final List<SseEvent> EXPECTED = List.of(
            SseEvent.named("message_start", "{\"type\":\"message_start\"}"),
            SseEvent.named("content_block_delta", "{\"text\":\"héllo wörld ✓ 日本 🎉\"}"),
            SseEvent.data("first line\nsecond line\n"),
            SseEvent.data("{\"type\":\"message_stop\"}"));

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\r\n"})
    void parsesWholeStreamWithAnyLineEnding(String eol) {
        assertThat(parse(List.of(bytes(STREAM.replace("\n", eol))))).isEqualTo(EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\r\n"})
    void parsesStreamFedByteByByte(String eol) {
        assertThat(parse(split(bytes(STREAM.replace("\n", eol)), 1))).isEqualTo(EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 7, 64})
    void parsesStreamInFixedChunksSplittingCrlfAndUtf8(int size) {
        assertThat(parse(split(bytes(STREAM.replace("\n", "\r\n")), size))).isEqualTo(EXPECTED);
    }

    @Test
    void parsesRandomChunkingWithMixedLineEndings() {
        Random random = new Random(42);
        String[] endings = {"\n", "\r", "\r\n"};
        for (int round = 0; round < 200; round++) {
            StringBuilder mixed = new StringBuilder();
            String previous = "";
            for (String line : STREAM.split("\n")) {
                String eol = endings[random.nextInt(3)];
                if (line.isEmpty() && previous.equals("\r") && eol.equals("\n")) {
                    eol = "\r"; // CR then LF would be one CRLF, swallowing this blank line
                }
                mixed.append(line).append(eol);
                previous = eol;
            }
            assertThat(parse(randomSplit(bytes(mixed.toString()), random))).isEqualTo(EXPECTED);
        }
    }

    @Test
    void crlfSplitAcrossFeedsIsOneLineBreak() {
        List<SseEvent> events = parse(List.of(bytes("data: a\r"), bytes("\ndata: b\r"), bytes("\n\r"), bytes("\n")));
        assertThat(events).containsExactly(SseEvent.data("a\nb"));
    }

    @Test
    void loneCrThenCrIsABlankLine() {
        assertThat(parse(List.of(bytes("data: a\r"), bytes("\r")))).containsExactly(SseEvent.data("a"));
    }

    @Test
    void stripsLeadingByteOrderMarkEvenWhenSplit() {
        byte[] stream = bytes("\uFEFFevent: e\ndata: x\n\n");
        assertThat(stream[0]).isEqualTo((byte) 0xEF);
        assertThat(parse(List.of(stream))).containsExactly(SseEvent.named("e", "x"));
        assertThat(parse(split(stream, 1))).containsExactly(SseEvent.named("e", "x"));
    }

    @Test
    void byteOrderMarkOnlyCountsAtStreamStart() {
        assertThat(parse(List.of(bytes("data: a\n\n\uFEFFdata: b\n\n")))).containsExactly(SseEvent.data("a"));
    }

    @Test
    void finishFlushesLastEventWithoutBlankLine() {
        assertThat(parse(List.of(bytes("data: a\n\ndata: b\n")))).containsExactly(SseEvent.data("a"), SseEvent.data("b"));
        assertThat(parse(List.of(bytes("event: x\ndata: c")))).containsExactly(SseEvent.named("x", "c"));
    }

    @Test
    void emptyDataLineStillDispatchesAnEmptyEvent() {
        assertThat(parse(List.of(bytes("data:\n\ndata\n\n")))).containsExactly(SseEvent.data(""), SseEvent.data(""));
    }

    @Test
    void keepsOnlyOneLeadingSpaceOfAValue() {
        assertThat(parse(List.of(bytes("event:  two\ndata:  x \n\n")))).containsExactly(SseEvent.named(" two", " x "));
    }

    @Test
    void emptyEventNameMeansNone() {
        assertThat(parse(List.of(bytes("event:\ndata: x\n\n")))).containsExactly(SseEvent.data("x"));
    }

    @Test
    void eventNameDoesNotLeakIntoNextEvent() {
        assertThat(parse(List.of(bytes("event: a\n\ndata: x\n\nevent: b\ndata: y\n\ndata: z\n\n"))))
                .containsExactly(SseEvent.data("x"), SseEvent.named("b", "y"), SseEvent.data("z"));
    }

    @Test
    void roundTripsSseWriter() {
        List<SseEvent> events = List.of(
                SseEvent.named("message_start", "{\"type\":\"message_start\"}"),
                SseEvent.data("[DONE]"),
                SseEvent.data("multi\nline\n\ndata with blank line"),
                SseEvent.named("response.failed", ""),
                SseEvent.data(": not a comment inside data"),
                SseEvent.named("x", "ünïcödé 🎉"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> out.writeBytes(SseWriter.encode(e)));
        assertThat(parse(List.of(out.toByteArray()))).isEqualTo(events);
        assertThat(parse(split(out.toByteArray(), 1))).isEqualTo(events);
    }

    @Test
    void honoursOffsetAndLength() {
        byte[] buffer = bytes("XXdata: a\n\nYY");
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(buffer, 2, buffer.length - 4);
        assertThat(events).containsExactly(SseEvent.data("a"));
    }

    @Test
    void rawListenerSeesUndecodedBytes() {
        List<String> seen = new ArrayList<>();
        SseParser parser = SseParser.raw((event, data, length) -> seen.add(event + "|" + new String(data, 0, length, StandardCharsets.UTF_8)),
                1024, false);
        parser.feed(bytes("event: e\ndata: a\ndata: b\n\n"));
        assertThat(seen).containsExactly("e|a\nb");
    }

    @Test
    void lineOverLimitThrowsClearly() {
        SseParser parser = new SseParser(e -> { }, 16);
        assertThatThrownBy(() -> parser.feed(bytes("data: 0123456789abcdef")))
                .isInstanceOf(SseTooLargeException.class)
                .hasMessageContaining("larger than 16 bytes");
        assertThatThrownBy(() -> parser.feed(bytes("\n\n"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventOverLimitThrowsEvenWhenEachLineFits() {
        SseParser parser = new SseParser(e -> { }, 32);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                parser.feed(bytes("data: 0123456789\n"));
            }
        }).isInstanceOf(SseTooLargeException.class);
    }

    @Test
    void lineOverLimitInOneChunkThrows() {
        SseParser parser = new SseParser(e -> { }, 16);
        assertThatThrownBy(() -> parser.feed(bytes("data: 0123456789abcdef\n\n"))).isInstanceOf(SseTooLargeException.class);
    }

    @Test
    void eventsUpToTheLimitPass() {
        String data = "x".repeat(100);
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add, ("data: " + data).length());
        for (int i = 0; i < 1000; i++) {
            parser.feed(bytes("data: " + data + "\n\n"));
        }
        assertThat(events).hasSize(1000);
    }

    @Test
    void dropModeSkipsOversizedEventsAndCarriesOn() {
        String big = "data: " + "y".repeat(200) + "\ndata: more\n\n";
        String stream = "data: a\n\n" + big + "event: e\ndata: b\n\n" + "data: " + "z".repeat(100) + "\n" + "data: " + "z".repeat(100) + "\n\ndata: c\n\n";
        for (int chunk : new int[] {1, 3, 17, stream.length()}) {
            List<String> seen = new ArrayList<>();
            SseParser parser = SseParser.raw((event, data, length) -> seen.add(event + "|" + new String(data, 0, length, StandardCharsets.UTF_8)),
                    150, true);
            split(bytes(stream), chunk).forEach(parser::feed);
            parser.finish();
            assertThat(seen).as("chunk size %d", chunk).containsExactly("null|a", "e|b", "null|c");
        }
    }

    @Test
    void dropModeAtEndOfStreamDeliversNothingPartial() {
        List<String> seen = new ArrayList<>();
        SseParser parser = SseParser.raw((event, data, length) -> seen.add(new String(data, 0, length, StandardCharsets.UTF_8)), 8, true);
        parser.feed(bytes("data: ok\n\ndata: far too long"));
        parser.finish();
        assertThat(seen).containsExactly("ok");
    }

    @Test
    void listenerMayThrowWithoutCorruptingState() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(e -> {
            if (e.data().equals("boom")) {
                throw new IllegalArgumentException("listener failure");
            }
            events.add(e);
        });
        assertThatThrownBy(() -> parser.feed(bytes("data: boom\n\n"))).isInstanceOf(IllegalArgumentException.class);
        parser.feed(bytes("data: next\n\n"));
        assertThat(events).containsExactly(SseEvent.data("next"));
    }

    @Test
    void finishIsIdempotentAndFeedAfterFinishFails() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(bytes("data: a"));
        parser.finish();
        parser.finish();
        assertThat(events).containsExactly(SseEvent.data("a"));
        assertThatThrownBy(() -> parser.feed(bytes("data: b"))).isInstanceOf(IllegalStateException.class);
    }

    static List<SseEvent> parse(List<byte[]> chunks) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        chunks.forEach(parser::feed);
        parser.finish();
        return events;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<byte[]> split(byte[] all, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < all.length; i += size) {
            byte[] c = new byte[Math.min(size, all.length - i)];
            System.arraycopy(all, i, c, 0, c.length);
            chunks.add(c);
        }
        return chunks;
    }

    static List<byte[]> randomSplit(byte[] all, Random random) {
        List<byte[]> chunks = new ArrayList<>();
        int i = 0;
        while (i < all.length) {
            int n = Math.min(all.length - i, random.nextInt(12));
            byte[] c = new byte[n];
            System.arraycopy(all, i, c, 0, n);
            chunks.add(c);
            i += n;
        }
        return chunks;
    }
}
