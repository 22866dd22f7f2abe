package dev.lakegate.protocol.sse;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field, or null when the event has none (Gemini, OpenAI Chat)
 * @param data the {@code data:} lines joined with newlines
 */
public record SseEvent(String event, String data) {

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    public static SseEvent named(String event, String data) {
        return new SseEvent(event, data);
    }
}
