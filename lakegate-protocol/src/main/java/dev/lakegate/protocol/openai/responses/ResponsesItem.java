package dev.lakegate.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.UpstreamErrors;
import dev.lakegate.protocol.canonical.UpstreamJson;

/** One output item being decoded: what it is, and whether its content already came as deltas. */
final class ResponsesItem {
    enum Kind { MESSAGE, REASONING, FUNCTION_CALL, OTHER }

    /** Between reasoning summary parts, streamed or whole, so both read the same. */
    static final String PART_SEPARATOR = "\n\n";

    final Kind kind;
    final int index;
    boolean streamed;
    private int reasoningPart = -1;

    private ResponsesItem(Kind kind, int index) {
        this.kind = kind;
        this.index = index;
    }

    /** Opens an item as first seen; a function call starts right away, since its name and call id come first. */
    static ResponsesItem of(int index, JsonNode item, CanonicalEmitter out) {
        String type = UpstreamJson.text(item, "type");
        Kind kind = switch (type == null ? "" : type) {
            case "message" -> Kind.MESSAGE;
            case "reasoning" -> Kind.REASONING;
            case "function_call" -> Kind.FUNCTION_CALL;
            default -> Kind.OTHER; // hosted tools, custom (freeform) tools: nothing the canonical model can carry
        };
        if (kind == Kind.FUNCTION_CALL) {
            String callId = UpstreamJson.text(item, "call_id");
            String name = UpstreamJson.text(item, "name");
            if (name == null) {
                throw UpstreamErrors.malformed(WireProtocol.OPENAI_RESPONSES, "function_call item " + index + " has no name");
            }
            out.toolCall(callId != null ? callId : "call_" + index, name);
        }
        return new ResponsesItem(kind, index);
    }

    void reasoningPart(int part, CanonicalEmitter out) {
        if (reasoningPart >= 0 && part != reasoningPart) {
            out.thinking(PART_SEPARATOR);
        }
        reasoningPart = part;
    }

    /**
     * Emits what the item's final form adds to what was streamed: all of its content when nothing was,
     * and a reasoning item's encrypted content in any case.
     *
     * @return whether the item held a refusal
     */
    boolean finish(JsonNode item, CanonicalEmitter out) {
        boolean refused = false;
        switch (kind) {
            case MESSAGE -> {
                for (JsonNode part : item.path("content")) {
                    boolean refusal = "refusal".equals(UpstreamJson.text(part, "type"));
                    String text = UpstreamJson.text(part, refusal ? "refusal" : "text");
                    refused |= refusal && text != null;
                    if (!streamed) {
                        out.text(text);
                    }
                }
            }
            case REASONING -> {
                if (!streamed) {
                    out.thinking(reasoning(item));
                }
                out.signature(UpstreamJson.text(item, "encrypted_content"));
            }
            case FUNCTION_CALL -> {
                if (!streamed) {
                    out.toolArguments(UpstreamJson.text(item, "arguments"));
                }
            }
            case OTHER -> { }
        }
        return refused;
    }

    /** The summary parts, or the raw reasoning text parts when there is no summary. */
    private static String reasoning(JsonNode item) {
        String summary = join(item.path("summary"));
        return summary.isEmpty() ? join(item.path("content")) : summary;
    }

    private static String join(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            String t = UpstreamJson.text(part, "text");
            if (t != null) {
                text.append(text.isEmpty() ? "" : PART_SEPARATOR).append(t);
            }
        }
        return text.toString();
    }
}
