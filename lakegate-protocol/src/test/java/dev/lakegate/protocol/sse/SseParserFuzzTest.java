package dev.lakegate.protocol.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.Chunkings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target: arbitrary bytes in arbitrary chunkings. The events must not depend on the cuts, an
 * oversized event is only ever {@link SseTooLargeException} (or skipped, for a dropping parser), and
 * what was parsed, written back with {@link SseWriter}, parses to the same events. The passthrough lane's
 * {@link SseEventGate} over the same bytes lets through the same bytes and reaches the same verdicts whatever the
 * cuts, only whole events whose data is JSON, and all of a stream made of such events. Seeds: real upstream
 * streams in {@code SseParserFuzzTestInputs/}. Run for real with {@code scripts/fuzz.sh}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SseParserFuzzTest {
    /** Small enough for the fuzzer to reach the limit, line and event alike. */
    private static final int LIMIT = 96;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    @FuzzTest
    void gate(byte[] data) throws Exception {
        List<int[]> cuts = Chunkings.of(data);
        Gated whole = gate(data, cuts.getFirst());
        for (int[] sizes : cuts) {
            assertThat(gate(data, sizes)).isEqualTo(whole);
        }
        String input = new String(data, StandardCharsets.ISO_8859_1);
        assertThat(input).as("what passed is the start of the stream").startsWith(whole.passed());
        List<SseEvent> received = new ArrayList<>();
        SseParser parser = new SseParser(received::add);
        parser.feed(whole.passed().getBytes(StandardCharsets.ISO_8859_1));
        parser.finish();
        for (SseEvent event : received) {
            if (!event.data().isEmpty() && !event.data().equals("[DONE]")) {
                JSON.readTree(event.data()); // throws when an event that passed is not JSON
            }
        }
        if (!whole.malformed() && !whole.midEvent()) {
            assertThat(whole.passed()).as("a stream of whole JSON events passes whole").isEqualTo(input);
        }
    }

    /** What an {@link SseEventGate} let through (bytes as Latin-1 characters) and its verdicts at the end. */
    private record Gated(String passed, boolean midEvent, boolean malformed) {}

    private static Gated gate(byte[] data, int[] sizes) throws Exception {
        SseEventGate gate = new SseEventGate(SseParser.DEFAULT_MAX_EVENT_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Chunkings.feed(data, sizes, (bytes, offset, length) -> {
            try {
                gate.feed(bytes, offset, length, out::write);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new Gated(out.toString(StandardCharsets.ISO_8859_1), gate.midEvent(), gate.malformed());
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
