package dev.lakegate.protocol.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.lakegate.protocol.sse.SseParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Usage from an SSE body. Most events never reach Jackson: a named event the dialect does not list,
 * or data without {@code "usage}, is passed over after a byte search. Events over the size limit are
 * skipped by the parser, so memory stays bounded and later events are still read.
 */
final class SseUsageTap implements UsageTap {
    /** Also the prefix of Gemini's {@code "usageMetadata"}. */
    private static final byte[] USAGE_KEY = "\"usage".getBytes(StandardCharsets.US_ASCII);

    private final UsageDialect dialect;
    private final JsonFactory json;
    private final UsageScanner scanner;
    private final SseParser parser;
    private final TextCounter text;
    private boolean stopped;
    private Usage result;
    private long events;

    SseUsageTap(UsageDialect dialect, JsonFactory json, int maxEventBytes) {
        this.dialect = dialect;
        this.json = json;
        this.scanner = new UsageScanner(dialect);
        this.parser = SseParser.raw(this::onEvent, maxEventBytes, true);
        this.text = new TextCounter(dialect.textKeys(true));
    }

    @Override
    public void onBytes(byte[] bytes, int offset, int length) {
        text.feed(bytes, offset, length);
        if (stopped) {
            return;
        }
        try {
            parser.feed(bytes, offset, length);
        } catch (RuntimeException e) {
            stopped = true; // never break the stream being observed
        }
    }

    @Override
    public Usage finish() {
        if (result == null) {
            if (!stopped) {
                try {
                    parser.finish(); // a last event without its blank line still counts
                } catch (RuntimeException e) {
                    // keep what was seen
                }
            }
            stopped = true;
            result = scanner.result();
        }
        return result;
    }

    @Override
    public long answerCharacters() {
        return text.characters();
    }

    @Override
    public long eventsSeen() {
        return events;
    }

    private void onEvent(String event, byte[] data, int length) {
        events++;
        if (!dialect.mayCarryUsage(event) || indexOf(data, length, USAGE_KEY) < 0) {
            return;
        }
        scanner.reset();
        try (JsonParser p = json.createParser(data, 0, length)) {
            scanner.scan(p);
        } catch (IOException | RuntimeException e) {
            // not JSON (e.g. "[DONE]" mentioning usage, or garbage): nothing to count in this event
        }
    }

    static int indexOf(byte[] haystack, int length, byte[] needle) {
        int last = length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
