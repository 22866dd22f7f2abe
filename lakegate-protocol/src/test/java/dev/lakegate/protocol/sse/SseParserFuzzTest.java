package dev.lakegate.protocol.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lakegate.protocol.Chunkings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target: arbitrary bytes in arbitrary chunkings. The events must not depend on the cuts, an
 * oversized event is only ever {@link SseTooLargeException} (or skipped, for a dropping parser), and
 * what was parsed, written back with {@link SseWriter}, parses to the same events. Seeds: real
 * upstream streams in {@code SseParserFuzzTestInputs/}. Run for real with {@code scripts/fuzz.sh}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SseParserFuzzTest {
    /** Small enough for the fuzzer to reach the limit, line and event alike. */
    private static final int LIMIT = 96;

    @FuzzTest
    void parse(byte[] data) {
        List<int[]> cuts = Chunkings.of(data);
        Outcome whole = parse(data, cuts.getFirst(), SseParser.DEFAULT_MAX_EVENT_BYTES);
        assertThat(whole.tooLarge()).isFalse();
        for (int[] sizes : cuts) {
            assertThat(parse(data, sizes, SseParser.DEFAULT_MAX_EVENT_BYTES)).isEqualTo(whole);
            Outcome limited = parse(data, sizes, LIMIT);
            assertThat(limited).isEqualTo(parse(data, cuts.getFirst(), LIMIT));
            if (!limited.tooLarge()) {
                assertThat(limited).isEqualTo(whole);
            }
            assertThat(dropping(data, sizes)).isEqualTo(dropping(data, cuts.getFirst()));
        }
        byte[] written = write(whole.events());
        assertThat(parse(written, new int[] {written.length}, SseParser.DEFAULT_MAX_EVENT_BYTES))
                .as("written back and parsed again").isEqualTo(whole);
    }

    /** The events before the parser stopped, and whether it stopped on an oversized event. */
    private record Outcome(List<SseEvent> events, boolean tooLarge) {}

    private static Outcome parse(byte[] data, int[] sizes, int limit) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add, limit);
        try {
            Chunkings.feed(data, sizes, parser::feed);
            parser.finish();
            return new Outcome(events, false);
        } catch (SseTooLargeException e) {
            assertThat(e.limit()).isEqualTo(limit);
            return new Outcome(events, true);
        }
    }

    /** A dropping parser never throws: the oversized events are skipped. */
    private static List<String> dropping(byte[] data, int[] sizes) {
        List<String> events = new ArrayList<>();
        SseParser parser = SseParser.raw((event, bytes, length) -> {
            assertThat(length).isLessThanOrEqualTo(LIMIT);
            events.add(event + "|" + new String(bytes, 0, length, StandardCharsets.UTF_8));
        }, LIMIT, true);
        Chunkings.feed(data, sizes, parser::feed);
        parser.finish();
        return events;
    }

    private static byte[] write(List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> out.writeBytes(SseWriter.encode(e)));
        return out.toByteArray();
    }
}
