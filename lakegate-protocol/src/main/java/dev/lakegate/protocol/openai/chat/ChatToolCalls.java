package dev.lakegate.protocol.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.UpstreamErrors;
import dev.lakegate.protocol.canonical.UpstreamJson;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Routes Chat's {@code tool_calls} deltas, numbered by {@code index}, onto the canonical stream, where
 * a call's arguments must follow its start without interruption. The call being streamed goes straight
 * through; a call that appears while it is still incomplete is queued, its fragments buffered, and
 * started once the current call's JSON is complete (or at the finish). So sequential calls, the usual
 * case, stream without delay, and interleaved ones buffer only what order requires, within bounds.
 */
final class ChatToolCalls {
    static final int MAX_CALLS = 256;
    static final int MAX_BUFFERED_CHARS = 8 << 20;

    private enum State { QUEUED, CURRENT, CLOSED }

    private static final class Call {
        final int index;
        String id;
        String name;
        State state = State.QUEUED;
        final StringBuilder pending = new StringBuilder();
        final JsonCompletion json = new JsonCompletion();

        Call(int index) {
            this.index = index;
        }
    }

    private final CanonicalEmitter out;
    private final Map<Integer, Call> calls = new HashMap<>();
    private final ArrayDeque<Call> queue = new ArrayDeque<>();
    private Call current;
    private int buffered;

    ChatToolCalls(CanonicalEmitter out) {
        this.out = out;
    }

    /** @param position the call's place in its {@code tool_calls} array: the index when the wire has none (unary bodies) */
    void onDelta(JsonNode call, int position) {
        int index = UpstreamJson.integer(call, "index", position);
        if (index < 0 || index >= MAX_CALLS) {
            throw malformed("tool call index " + index + " is outside 0.." + (MAX_CALLS - 1));
        }
        Call c = calls.get(index);
        if (c == null) {
            c = new Call(index);
            calls.put(index, c);
            queue.add(c);
        }
        JsonNode function = call.path("function");
        c.id = c.id != null ? c.id : UpstreamJson.text(call, "id");
        c.name = c.name != null ? c.name : UpstreamJson.text(function, "name");
        String arguments = UpstreamJson.text(function, "arguments");
        if (arguments != null && !arguments.isEmpty()) {
            switch (c.state) {
                case CURRENT -> {
                    out.toolArguments(arguments);
                    c.json.feed(arguments);
                }
                case QUEUED -> buffer(c, arguments);
                case CLOSED -> {
                    if (!arguments.isBlank()) {
                        throw malformed("arguments for tool call " + index + " arrived after its turn in the stream had ended");
                    }
                }
            }
        }
        advance(false);
    }

    /** Content arrived: the current call's turn in the canonical stream ends. */
    void interrupt() {
        if (current != null) {
            current.state = State.CLOSED;
            current = null;
        }
    }

    /** The upstream finished: every queued call is started, in order of appearance. */
    void flush() {
        advance(true);
    }

    private void advance(boolean all) {
        while (!queue.isEmpty() && (all || current == null || current.json.complete())) {
            Call next = queue.peek();
            if (next.name == null) {
                if (all) {
                    throw malformed("tool call " + next.index + " has no function name");
                }
                return;
            }
            queue.poll();
            interrupt();
            next.state = State.CURRENT;
            current = next;
            out.toolCall(next.id != null ? next.id : "call_" + next.index, next.name);
            if (!next.pending.isEmpty()) {
                out.toolArguments(next.pending.toString());
                next.json.feed(next.pending);
                buffered -= next.pending.length();
                next.pending.setLength(0);
            }
        }
    }

    private void buffer(Call c, String arguments) {
        if (buffered + arguments.length() > MAX_BUFFERED_CHARS) {
            throw malformed("more than " + MAX_BUFFERED_CHARS + " characters of interleaved tool call arguments");
        }
        buffered += arguments.length();
        c.pending.append(arguments);
    }

    private static RuntimeException malformed(String detail) {
        return UpstreamErrors.malformed(WireProtocol.OPENAI_CHAT, detail);
    }
}
