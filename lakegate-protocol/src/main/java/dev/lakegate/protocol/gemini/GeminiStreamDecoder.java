package dev.lakegate.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalEmitter;
import dev.lakegate.protocol.canonical.DocumentDecoder;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.UpstreamErrors;
import dev.lakegate.protocol.canonical.UpstreamJson;

/**
 * Gemini {@code GenerateContentResponse} chunks (a unary body is one such chunk): the parts of
 * candidate 0 in order, text, {@code thought: true} text, and {@code functionCall}s, which come whole.
 * A {@code thoughtSignature} belongs to the thoughts before it: on a thought part it follows the part's
 * text, on any other part it comes before the part (as an empty thinking block when no thoughts were
 * shown). Function calls carry no id on the wire, so one is made from the name and the call's position
 * ({@code call_<name>_<n>}), the same for a unary and a streamed answer.
 */
final class GeminiStreamDecoder implements DocumentDecoder {
    private static final WireProtocol PROTOCOL = WireProtocol.GEMINI;

    private final CanonicalEmitter out;
    private int calls;
    private StopReason stop;

    GeminiStreamDecoder(CanonicalEmitter out) {
        this.out = out;
    }

    @Override
    public void onDocument(String event, JsonNode chunk) {
        if (chunk.path("error").isObject()) {
            throw UpstreamErrors.inStream(PROTOCOL, chunk);
        }
        if (!out.started()) {
            out.start(UpstreamJson.text(chunk, "responseId"), UpstreamJson.text(chunk, "modelVersion"),
                    StreamEvents.promptPart(UpstreamJson.usage(PROTOCOL, chunk)));
        }
        JsonNode candidate = candidate(chunk.path("candidates"));
        if (candidate == null) {
            if (UpstreamJson.text(chunk.path("promptFeedback"), "blockReason") != null) {
                stop = StopReason.CONTENT_FILTER; // the prompt itself was blocked: no candidate at all
            }
            return;
        }
        for (JsonNode part : candidate.path("content").path("parts")) {
            part(part);
        }
        String finish = UpstreamJson.text(candidate, "finishReason");
        if (finish != null) {
            stop = stopReason(finish);
        }
    }

    @Override
    public StopReason stopReason() {
        if (stop == null) {
            throw UpstreamErrors.malformed(PROTOCOL, "the response ended without a finishReason");
        }
        return stop;
    }

    private void part(JsonNode part) {
        String signature = UpstreamJson.text(part, "thoughtSignature");
        if (part.path("thought").asBoolean(false)) {
            out.thinking(UpstreamJson.text(part, "text"));
            out.signature(signature);
            return;
        }
        out.signature(signature);
        out.text(UpstreamJson.text(part, "text"));
        JsonNode call = part.path("functionCall");
        if (call.isObject()) {
            String name = UpstreamJson.text(call, "name");
            if (name == null) {
                throw UpstreamErrors.malformed(PROTOCOL, "functionCall part without a name");
            }
            String id = UpstreamJson.text(call, "id"); // Vertex and the Live API may send one
            out.toolCall(id != null ? id : "call_" + name + "_" + calls, name);
            calls++;
            JsonNode args = call.path("args");
            if (args.isObject() && !args.isEmpty()) {
                out.toolArguments(Json.string(args));
            }
        }
    }

    private static JsonNode candidate(JsonNode candidates) {
        for (JsonNode c : candidates) {
            if (UpstreamJson.integer(c, "index", 0) == 0) {
                return c;
            }
        }
        return null;
    }

    private static StopReason stopReason(String finishReason) {
        return switch (finishReason) {
            case "STOP" -> StopReason.END_TURN;
            case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
                 "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> StopReason.CONTENT_FILTER;
            default -> StopReason.ERROR; // OTHER, MALFORMED_FUNCTION_CALL, LANGUAGE, … and reasons newer than this code
        };
    }
}
