package dev.lakegate.e2e;

import java.util.ArrayList;
import java.util.List;

/** A minimal SSE reader for assertions: events as {@code [event name or null, data]}, LF or CRLF line ends. */
final class SseEvents {
    private SseEvents() {}

    static List<String[]> parse(String body) {
        List<String[]> events = new ArrayList<>();
        String name = null;
        StringBuilder data = null;
        for (String line : (body + "\n\n").split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new String[] {name, data.toString()});
                }
                name = null;
                data = null;
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }
}
