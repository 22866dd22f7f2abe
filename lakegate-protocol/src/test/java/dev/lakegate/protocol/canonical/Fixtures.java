package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.usage.Usage;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/** The canonical answers every protocol's golden files are written from. */
public final class Fixtures {
    public static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(1_767_225_600L));

    /** Scenario names double as golden file names. */
    public enum Scenario { TEXT, TOOL, THINKING, USAGE }

    private Fixtures() {}

    public static CanonicalResponse response(Scenario scenario) {
        return switch (scenario) {
            case TEXT -> new CanonicalResponse("id_text01", "test-model", List.of(new ContentBlock.Text("Hi there, how can I help?")),
                    StopReason.END_TURN, new Usage(30, 7, 0, 0, 0, false));
            case TOOL -> new CanonicalResponse("id_tool01", "test-model", List.of(
                    new ContentBlock.Text("Let me check."),
                    new ContentBlock.ToolUse("call_weather1", "get_weather", args("city", "Paris")),
                    new ContentBlock.ToolUse("call_time2", "get_time", args("tz", "CET"))),
                    StopReason.TOOL_USE, new Usage(50, 20, 0, 0, 0, false));
            case THINKING -> new CanonicalResponse("id_think01", "test-model", List.of(
                    new ContentBlock.Thinking("The user asks for the answer.", "c2lnbmF0dXJl"),
                    new ContentBlock.Text("It is 42.")),
                    StopReason.END_TURN, new Usage(40, 25, 0, 0, 15, false));
            case USAGE -> new CanonicalResponse("id_usage01", "test-model", List.of(new ContentBlock.Text("Cut short")),
                    StopReason.MAX_TOKENS, new Usage(1000, 5, 800, 150, 50, 0, false));
        };
    }

    public static String fileName(Scenario scenario) {
        return scenario.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ObjectNode args(String key, String value) {
        return Json.object().put(key, value);
    }
}
