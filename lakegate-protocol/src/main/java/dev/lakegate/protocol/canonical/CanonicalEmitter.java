package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.usage.Usage;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The canonical end of every response decoder: decoders report what the upstream said, in wire order,
 * and this turns it into a well-formed event sequence. It sends {@link StreamEvent.Start} before
 * anything else (synthesizing what the upstream left out), drops empty deltas, refuses arguments
 * outside a tool call, and sends one {@link StreamEvent.Finish}, where a plain end of turn after tool
 * calls becomes {@link StopReason#TOOL_USE} (Gemini and OpenAI Responses have no separate reason).
 */
public final class CanonicalEmitter {
    private enum Block { NONE, CONTENT, TOOL }

    private final WireProtocol protocol;
    private final Consumer<StreamEvent> sink;
    private final Consumer<ContentBlock> eventless;
    private boolean started;
    private boolean finished;
    private Block block = Block.NONE;
    private int toolCalls;

    /** An emitter for a stream: blocks no event can carry are dropped. */
    public CanonicalEmitter(WireProtocol protocol, Consumer<StreamEvent> sink) {
        this(protocol, sink, null);
    }

    /** @param eventless receives the blocks no stream event can carry (when reading a unary body), or null */
    public CanonicalEmitter(WireProtocol protocol, Consumer<StreamEvent> sink, Consumer<ContentBlock> eventless) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.eventless = eventless;
    }

    public boolean started() {
        return started;
    }

    /** Sends Start unless it was sent already; null or blank id and model are synthesized, null usage is none. */
    public void start(String id, String model, Usage promptUsage) {
        if (started) {
            return;
        }
        started = true;
        sink.accept(new StreamEvent.Start(
                isBlank(id) ? "gen_" + UUID.randomUUID().toString().replace("-", "") : id,
                isBlank(model) ? "unknown" : model,
                promptUsage == null ? Usage.NONE : promptUsage));
    }

    public void text(String text) {
        if (text != null && !text.isEmpty()) {
            emit(new StreamEvent.TextDelta(text), Block.CONTENT);
        }
    }

    public void thinking(String text) {
        if (text != null && !text.isEmpty()) {
            emit(new StreamEvent.ThinkingDelta(text), Block.CONTENT);
        }
    }

    /** Closes the current thinking block, or stands for a block of its own when none is open. */
    public void signature(String signature) {
        if (signature != null && !signature.isEmpty()) {
            emit(new StreamEvent.ThinkingSignature(signature), Block.CONTENT);
        }
    }

    /**
     * A block no stream event carries (Anthropic redacted_thinking): kept in a unary answer, dropped
     * from a stream, as {@link StreamEvents#from} drops it.
     */
    public void eventless(ContentBlock content) {
        if (eventless != null) {
            start(null, null, null);
            eventless.accept(content);
            block = Block.NONE;
        }
    }

    public void toolCall(String id, String name) {
        emit(new StreamEvent.ToolCallStart(id, name), Block.TOOL);
        toolCalls++;
    }

    /** A fragment of the open tool call's arguments. */
    public void toolArguments(String json) {
        if (json == null || json.isEmpty()) {
            return;
        }
        if (block != Block.TOOL) {
            throw UpstreamErrors.malformed(protocol, "tool call arguments arrived outside a tool call");
        }
        emit(new StreamEvent.ToolCallDelta(json), Block.TOOL);
    }

    /** Sends the one Finish (after Start, if nothing was sent yet) and returns it. */
    public StreamEvent.Finish finish(StopReason stopReason, Usage usage) {
        StopReason reason = stopReason == StopReason.END_TURN && toolCalls > 0 ? StopReason.TOOL_USE : stopReason;
        StreamEvent.Finish finish = new StreamEvent.Finish(reason, usage);
        emit(finish, Block.NONE);
        finished = true;
        return finish;
    }

    private void emit(StreamEvent event, Block next) {
        if (finished) {
            throw new IllegalStateException("Events after Finish");
        }
        start(null, null, null);
        sink.accept(event);
        block = next;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
