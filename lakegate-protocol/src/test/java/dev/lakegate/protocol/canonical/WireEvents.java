package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.sse.SseParser;
import java.util.ArrayList;
import java.util.List;

/** Reads encoded streams back for assertions. */
public final class WireEvents {
    private WireEvents() {}

    public static List<SseEvent> sse(List<byte[]> chunks) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        chunks.forEach(parser::feed);
        parser.finish();
        return events;
    }

    public static JsonNode data(SseEvent event) {
        return Json.parse(event.data(), "SSE data");
    }

    /** The JSON data of every SSE event, skipping OpenAI Chat's non-JSON {@code [DONE]}. */
    public static List<JsonNode> jsonData(List<byte[]> chunks) {
        return sse(chunks).stream().filter(e -> !e.data().equals("[DONE]")).map(WireEvents::data).toList();
    }

    public static List<byte[]> encode(StreamEncoder encoder, List<StreamEvent> events) {
        List<byte[]> out = new ArrayList<>();
        events.forEach(e -> out.addAll(encoder.encode(e)));
        return out;
    }
}
