package dev.lakegate.protocol.gemini;

import static dev.lakegate.protocol.canonical.request.JsonFields.error;

import dev.lakegate.protocol.canonical.request.ToolIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical ids for one Gemini conversation. A function call keeps the id the client gave it (Gemini
 * CLI adds its own); without one it gets {@code call_<name>_<n>}, n counting all calls so far, so
 * every turn of the same history yields the same ids. A function response pairs with the waiting
 * call of the same id, else with the oldest waiting call of the same name.
 */
final class GeminiCallIds {
    private record Waiting(String id, String name) {}

    private final List<Waiting> waiting = new ArrayList<>();
    private int calls;

    String call(String wireId, String name) {
        String id = wireId != null ? wireId : ToolIds.synthesize(name, calls);
        calls++;
        waiting.add(new Waiting(id, name));
        return id;
    }

    String response(String wireId, String name, String path) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < waiting.size(); i++) {
                Waiting w = waiting.get(i);
                if (pass == 0 ? w.id().equals(wireId) : w.name().equals(name)) {
                    waiting.remove(i);
                    return w.id();
                }
            }
        }
        throw error(path, "no earlier functionCall named '" + name + "' is waiting for this response; "
                + "send each functionResponse after the model turn holding its functionCall");
    }
}
