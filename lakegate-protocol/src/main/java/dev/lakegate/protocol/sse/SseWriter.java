package dev.lakegate.protocol.sse;

import java.nio.charset.StandardCharsets;

/** Formats events for the wire: {@code event:} line when named, one {@code data:} line per line of data, blank line. */
public final class SseWriter {
    private SseWriter() {}

    public static byte[] encode(SseEvent event) {
        StringBuilder out = new StringBuilder(event.data().length() + 32);
        if (event.event() != null) {
            out.append("event: ").append(event.event()).append('\n');
        }
        int start = 0;
        String data = event.data();
        while (true) {
            int nl = data.indexOf('\n', start);
            out.append("data: ").append(data, start, nl < 0 ? data.length() : nl).append('\n');
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
