package dev.lakegate.server.cli.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Cursor keeps its model settings in its own UI: the steps are printed, no file is written. */
final class CursorSteps {
    private CursorSteps() {}

    static Setup plan(AgentOptions o) {
        String model = o.modelFor(Agent.CURSOR);
        List<String> notes = new ArrayList<>(List.of(
                "Cursor is configured in its app, not in a file. In Cursor › Settings › Models:",
                "  1. OpenAI API Key:            " + o.token(),
                "  2. Override OpenAI Base URL:  " + o.url() + "/cursor/v1   (turn the switch on, then Verify)",
                "  3. Add custom model:          " + model + "   (a Lakegate endpoint name), and select it in the chat",
                "Cursor calls the base URL from its own servers: the gateway must be reachable from the internet (HTTPS)."));
        if (o.telemetry()) {
            notes.add("--telemetry: Cursor has no OpenTelemetry export to configure; its requests are still recorded by the gateway.");
        }
        return new Setup(Agent.CURSOR, List.of(), Map.of(), notes);
    }
}
