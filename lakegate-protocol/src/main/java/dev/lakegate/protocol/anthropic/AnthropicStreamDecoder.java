package dev.lakegate.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.DocumentDecoder;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.UpstreamErrors;
import dev.lakegate.protocol.canonical.UpstreamJson;
import dev.lakegate.protocol.canonical.request.Extras;
import java.util.Locale;

/**
 * Anthropic's stream grammar: {@code message_start}, per content block {@code content_block_start},
 * deltas and {@code content_block_stop} under one index, {@code message_delta} with the stop reason,
 * {@code message_stop}; {@code ping} and unknown events are ignored, {@code error} fails the stream.
 * One block is open at a time and indices only grow, so a block's deltas cannot land in another.
 * Block types without a canonical form (server tool use and its results) are skipped whole;
 * {@code redacted_thinking} has no stream event, so only a unary answer keeps it.
 */
final class AnthropicStreamDecoder implements DocumentDecoder {
    private enum Kind { TEXT, THINKING, TOOL, OTHER }

    private static final WireProtocol PROTOCOL = WireProtocol.ANTHROPIC;

    private final CanonicalEmitter out;
    private Kind open;
    private int openIndex = -1;
    private int lastIndex = -1;
    private StopReason stop;
    private boolean ended;

    AnthropicStreamDecoder(CanonicalEmitter out) {
        this.out = out;
    }

    @Override
    public void onDocument(String event, JsonNode d) {
        if (ended) {
            return;
        }
        String type = UpstreamJson.text(d, "type");
        switch (type != null ? type : String.valueOf(event)) {
            case "message_start" -> {
                JsonNode m = d.path("message");
                if (!out.started()) {
                    out.start(UpstreamJson.text(m, "id"), UpstreamJson.text(m, "model"), StreamEvents.promptPart(UpstreamJson.usage(PROTOCOL, d)));
                }
            }
            case "content_block_start" -> open(UpstreamJson.integer(d, "index", -1), d.path("content_block"));
            case "content_block_delta" -> delta(UpstreamJson.integer(d, "index", -1), d.path("delta"));
            case "content_block_stop" -> close(UpstreamJson.integer(d, "index", -1));
            case "message_delta" -> readStop(d.path("delta"));
            case "message_stop" -> ended = true;
            case "error" -> throw UpstreamErrors.inStream(PROTOCOL, d);
            default -> { } // ping, and event types newer than this code
        }
    }

    /** A whole {@code message} object, the unary body: its blocks are opened and closed in turn. */
    void onMessage(JsonNode message) {
        if ("error".equals(UpstreamJson.text(message, "type"))) {
            throw UpstreamErrors.inStream(PROTOCOL, message);
        }
        out.start(UpstreamJson.text(message, "id"), UpstreamJson.text(message, "model"), null);
        int index = 0;
        for (JsonNode block : message.path("content")) {
            open(index, block);
            close(index++);
        }
        readStop(message);
    }

    @Override
    public StopReason stopReason() {
        if (stop == null) {
            throw UpstreamErrors.malformed(PROTOCOL, "the response ended without a stop_reason (no message_delta)");
        }
        return stop;
    }

    private void open(int index, JsonNode block) {
        if (index <= lastIndex) {
            throw UpstreamErrors.malformed(PROTOCOL, "content_block_start has index " + index + " after block " + lastIndex);
        }
        lastIndex = index;
        openIndex = index;
        String type = UpstreamJson.text(block, "type");
        open = switch (type == null ? "" : type) {
            case "text" -> {
                out.text(UpstreamJson.text(block, "text"));
                yield Kind.TEXT;
            }
            case "thinking" -> {
                out.thinking(UpstreamJson.text(block, "thinking"));
                out.signature(UpstreamJson.text(block, "signature"));
                yield Kind.THINKING;
            }
            case "redacted_thinking" -> {
                String data = UpstreamJson.text(block, "data");
                if (data != null) {
                    out.eventless(new ContentBlock.RedactedThinking(data, Extras.of(PROTOCOL))); // only Anthropic may get it back
                }
                yield Kind.OTHER;
            }
            case "tool_use" -> {
                toolUse(index, block);
                yield Kind.TOOL;
            }
            default -> Kind.OTHER;
        };
    }

    private void toolUse(int index, JsonNode block) {
        String id = UpstreamJson.text(block, "id");
        String name = UpstreamJson.text(block, "name");
        if (id == null || name == null) {
            throw UpstreamErrors.malformed(PROTOCOL, "tool_use block " + index + " has no id or name");
        }
        out.toolCall(id, name);
        JsonNode input = block.path("input");
        if (input.isObject() && !input.isEmpty()) {
            out.toolArguments(Json.string(input)); // a unary body's input; a stream's is {} and comes as deltas
        }
    }

    private void delta(int index, JsonNode delta) {
        if (open == null || index != openIndex) {
            throw UpstreamErrors.malformed(PROTOCOL, "content_block_delta for block " + index + ", which is not open");
        }
        String type = UpstreamJson.text(delta, "type");
        switch (open == Kind.OTHER || type == null ? "" : type) {
            case "text_delta" -> out.text(expect(Kind.TEXT, type, UpstreamJson.text(delta, "text")));
            case "thinking_delta" -> out.thinking(expect(Kind.THINKING, type, UpstreamJson.text(delta, "thinking")));
            case "signature_delta" -> out.signature(expect(Kind.THINKING, type, UpstreamJson.text(delta, "signature")));
            case "input_json_delta" -> out.toolArguments(expect(Kind.TOOL, type, UpstreamJson.text(delta, "partial_json")));
            default -> { } // citations_delta and newer delta types carry nothing canonical
        }
    }

    private String expect(Kind kind, String deltaType, String value) {
        if (open != kind) {
            throw UpstreamErrors.malformed(PROTOCOL, deltaType + " in a " + open.name().toLowerCase(Locale.ROOT) + " block (" + openIndex + ")");
        }
        return value;
    }

    private void close(int index) {
        if (open == null || index != openIndex) {
            throw UpstreamErrors.malformed(PROTOCOL, "content_block_stop for block " + index + ", which is not open");
        }
        open = null;
        openIndex = -1;
    }

    private void readStop(JsonNode holder) {
        String reason = UpstreamJson.text(holder, "stop_reason");
        if (reason != null) {
            stop = switch (reason) {
                case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
                case "stop_sequence" -> StopReason.STOP_SEQUENCE;
                case "tool_use" -> StopReason.TOOL_USE;
                case "pause_turn" -> StopReason.PAUSE_TURN;
                case "refusal" -> StopReason.REFUSAL;
                default -> StopReason.END_TURN; // end_turn, and reasons newer than this code
            };
        }
    }
}
