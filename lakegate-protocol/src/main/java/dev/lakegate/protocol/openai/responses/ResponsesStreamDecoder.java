package dev.lakegate.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.DocumentDecoder;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.UpstreamErrors;
import dev.lakegate.protocol.canonical.UpstreamJson;

/**
 * The Responses event stream, item by item: {@code output_item.added} opens an item (message,
 * function_call, reasoning; other types are skipped), its deltas follow, {@code output_item.done}
 * closes it, and {@code response.completed}/{@code .incomplete}/{@code .failed} end the answer. Items
 * that come whole (a "bare" stream of only {@code output_item.done} events, output first seen in the
 * terminal response, or a unary body) are read from their final form. A reasoning item's
 * {@code encrypted_content}, known only when it is done, becomes the thinking signature, which the
 * Responses writer sends back as {@code encrypted_content}. One item is open at a time and output
 * indices only grow.
 */
final class ResponsesStreamDecoder implements DocumentDecoder {
    private static final WireProtocol PROTOCOL = WireProtocol.OPENAI_RESPONSES;

    private final CanonicalEmitter out;
    private ResponsesItem open;
    private int lastIndex = -1;
    private StopReason stop;
    private boolean refused;
    private boolean ended;

    ResponsesStreamDecoder(CanonicalEmitter out) {
        this.out = out;
    }

    @Override
    public void onDocument(String event, JsonNode d) {
        if (ended) {
            return;
        }
        String type = UpstreamJson.text(d, "type");
        type = type != null ? type : String.valueOf(event);
        switch (type) {
            case "response.created", "response.queued", "response.in_progress" -> start(d.path("response"));
            case "response.output_item.added" -> added(UpstreamJson.integer(d, "output_index", lastIndex + 1), d.path("item"));
            case "response.output_item.done" -> done(UpstreamJson.integer(d, "output_index", open != null ? open.index : lastIndex + 1), d.path("item"));
            case "response.output_text.delta", "response.refusal.delta" -> {
                String text = delta(type, d, ResponsesItem.Kind.MESSAGE);
                refused |= type.equals("response.refusal.delta") && text != null;
                out.text(text);
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                String text = delta(type, d, ResponsesItem.Kind.REASONING);
                if (text != null) {
                    open.reasoningPart(UpstreamJson.integer(d, "summary_index", UpstreamJson.integer(d, "content_index", 0)), out);
                    out.thinking(text);
                }
            }
            case "response.function_call_arguments.delta" -> out.toolArguments(delta(type, d, ResponsesItem.Kind.FUNCTION_CALL));
            case "response.completed", "response.incomplete", "response.failed" -> {
                onResponse(d.path("response"));
                ended = true;
            }
            case "error" -> throw UpstreamErrors.inStream(PROTOCOL, d);
            default -> { } // part and .done events repeat what the deltas said; newer event types are ignored
        }
    }

    /** A whole {@code response} object: the unary body, or the one a terminal event carries. */
    void onResponse(JsonNode response) {
        if (response.path("error").isObject() && (!response.has("output") || "failed".equals(UpstreamJson.text(response, "status")))) {
            // A failed response is the upstream's error, to be shown as one in the client's protocol, not an ordinary end.
            throw UpstreamErrors.inStream(PROTOCOL, response);
        }
        start(response);
        JsonNode output = response.path("output");
        if (open != null && output.has(open.index)) {
            refused |= open.finish(output.get(open.index), out); // an item the stream never closed
        }
        open = null;
        for (int i = lastIndex + 1; i < output.size(); i++) {
            refused |= ResponsesItem.of(i, output.get(i), out).finish(output.get(i), out);
        }
        lastIndex = Math.max(lastIndex, output.size() - 1);
        String status = UpstreamJson.text(response, "status");
        stop = switch (status == null ? "" : status) {
            case "completed" -> refused ? StopReason.REFUSAL : StopReason.END_TURN;
            case "incomplete" -> "content_filter".equals(UpstreamJson.text(response.path("incomplete_details"), "reason"))
                    ? StopReason.CONTENT_FILTER : StopReason.MAX_TOKENS;
            case "failed", "cancelled" -> StopReason.ERROR;
            default -> throw UpstreamErrors.malformed(PROTOCOL, "the response ended with status '" + status + "'");
        };
    }

    @Override
    public StopReason stopReason() {
        if (stop == null) {
            throw UpstreamErrors.malformed(PROTOCOL, "the stream ended before response.completed");
        }
        return stop;
    }

    private void start(JsonNode response) {
        out.start(UpstreamJson.text(response, "id"), UpstreamJson.text(response, "model"), null);
    }

    private void added(int index, JsonNode item) {
        if (index <= lastIndex) {
            throw UpstreamErrors.malformed(PROTOCOL, "output item " + index + " was added after item " + lastIndex);
        }
        lastIndex = index;
        open = ResponsesItem.of(index, item, out);
    }

    private void done(int index, JsonNode item) {
        if (open != null && open.index == index) {
            refused |= open.finish(item, out);
            open = null;
        } else if (index > lastIndex) { // never announced: a bare stream
            lastIndex = index;
            open = null;
            refused |= ResponsesItem.of(index, item, out).finish(item, out);
        } // else a repeated done of a closed item: nothing new
    }

    /** The delta's text, after checking it belongs to the open item; null for items that are skipped. */
    private String delta(String type, JsonNode d, ResponsesItem.Kind kind) {
        int index = UpstreamJson.integer(d, "output_index", open == null ? -1 : open.index);
        if (open == null || index != open.index) {
            throw UpstreamErrors.malformed(PROTOCOL, type + " for output item " + index + ", which is not open");
        }
        if (open.kind == ResponsesItem.Kind.OTHER) {
            return null;
        }
        if (open.kind != kind) {
            throw UpstreamErrors.malformed(PROTOCOL, type + " in a " + open.kind + " item (" + index + ")");
        }
        open.streamed = true;
        return UpstreamJson.text(d, "delta");
    }
}
