package dev.lakegate.protocol.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.ResponseWriter;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini {@code generateContent}: {@code candidates[0].content.parts} with text, {@code thought:
 * true} and {@code functionCall} parts; or {@code streamGenerateContent} chunks as SSE or a JSON
 * array. A thinking signature rides as {@code thoughtSignature} on the part after the thoughts, as
 * Gemini places it (on the thought part itself when nothing follows).
 */
public final class GeminiResponseWriter implements ResponseWriter {

    @Override
    public WireProtocol protocol() {
        return WireProtocol.GEMINI;
    }

    @Override
    public byte[] unary(CanonicalResponse r) {
        List<ObjectNode> parts = new ArrayList<>();
        String signature = null;
        for (ContentBlock block : r.content()) {
            ObjectNode part = switch (block) {
                case ContentBlock.Thinking t -> GeminiWire.thoughtPart(t.text());
                case ContentBlock.Text t -> GeminiWire.textPart(t.text());
                case ContentBlock.ToolUse t -> GeminiWire.functionCallPart(t.name(), t.input());
                // Gemini has no redacted thoughts; the rest only occur in requests
                case ContentBlock.RedactedThinking ignored -> null;
                case ContentBlock.Image ignored -> null;
                case ContentBlock.ToolResult ignored -> null;
                case ContentBlock.Opaque ignored -> null;
            };
            if (part == null) {
                continue;
            }
            if (block instanceof ContentBlock.Thinking t) {
                signature = t.signature() == null ? signature : t.signature();
            } else if (signature != null) {
                part.put("thoughtSignature", signature);
                signature = null;
            }
            parts.add(part);
        }
        if (signature != null) {
            parts.getLast().put("thoughtSignature", signature);
        }
        return Json.bytes(GeminiWire.response(parts, GeminiWire.finishReason(r.stopReason()),
                GeminiWire.usageMetadata(r.usage(), true), r.model(), r.id()));
    }

    @Override
    public StreamEncoder stream(StreamOptions options) {
        return new GeminiStreamEncoder(options.framing());
    }
}
