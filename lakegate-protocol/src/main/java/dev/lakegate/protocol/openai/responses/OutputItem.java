package dev.lakegate.protocol.openai.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;

/**
 * One output item being streamed: a reasoning item, an assistant message or a function call. It
 * accumulates its text because the {@code .done} events and {@code response.completed} repeat it.
 */
final class OutputItem {
    enum Kind { REASONING, MESSAGE, FUNCTION_CALL }

    final Kind kind;
    final String id;
    final int outputIndex;
    final StringBuilder text = new StringBuilder();
    final String callId;
    final String name;
    String signature;

    OutputItem(Kind kind, String id, int outputIndex, String callId, String name) {
        this.kind = kind;
        this.id = id;
        this.outputIndex = outputIndex;
        this.callId = callId;
        this.name = name;
    }

    /**
     * The item as {@code output_item.added} shows it (status null: empty, in progress) or as
     * {@code output_item.done} does (status completed, or incomplete when the answer was cut short).
     */
    ObjectNode node(String finalStatus) {
        boolean done = finalStatus != null;
        String status = done ? finalStatus : "in_progress";
        ObjectNode n = Json.object().put("id", id);
        switch (kind) {
            case REASONING -> {
                n.put("type", "reasoning");
                if (done) {
                    n.putArray("summary").add(summaryPart());
                    if (signature != null) {
                        n.put("encrypted_content", signature);
                    }
                } else {
                    n.putArray("summary");
                }
            }
            case MESSAGE -> {
                n.put("type", "message").put("status", status).put("role", "assistant");
                if (done) {
                    n.putArray("content").add(textPart());
                } else {
                    n.putArray("content");
                }
            }
            case FUNCTION_CALL -> n.put("type", "function_call").put("status", status)
                    .put("arguments", done ? text.toString() : "").put("call_id", callId).put("name", name);
        }
        return n;
    }

    ObjectNode textPart() {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text.toString());
        part.putArray("annotations");
        return part;
    }

    ObjectNode summaryPart() {
        return Json.object().put("type", "summary_text").put("text", text.toString());
    }
}
