package dev.lakegate.protocol.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What a vendor error body says, whichever vendor: Anthropic {@code {"type":"error","error":{type,
 * message}}}, OpenAI {@code {"error":{message,type,param,code}}} and its {@code error} stream event
 * (fields at the top), Gemini {@code {"error":{code,message,status,details}}} (also as the one element of
 * a JSON array), and the plain {@code {"error":"…"}} or {@code {"detail":"…"}} of OpenAI-compatible
 * servers. Anything else (HTML from a proxy, an empty body) leaves a short excerpt as the message.
 *
 * @param type the vendor's error name: Anthropic/OpenAI {@code type}, Gemini {@code status}, else OpenAI {@code code}
 * @param reason Gemini's {@code google.rpc.ErrorInfo} reason, e.g. API_KEY_INVALID
 * @param retryDelay Gemini's {@code google.rpc.RetryInfo}, or "try again in Ns" in the message
 */
record UpstreamErrorBody(String type, String message, String reason, Optional<Duration> retryDelay) {
    private static final int EXCERPT_CHARS = 300;

    static UpstreamErrorBody parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.parse(new String(body, StandardCharsets.UTF_8), "error body");
        } catch (IllegalArgumentException e) {
            return new UpstreamErrorBody(null, excerpt(body), null, Optional.empty());
        }
        return of(root == null ? Json.object() : root);
    }

    static UpstreamErrorBody of(JsonNode root) {
        if (root.isArray() && !root.isEmpty()) {
            root = root.get(0);
        }
        JsonNode error = root.path("error");
        JsonNode fields = error.isObject() ? error : root;
        String message = UpstreamJson.text(fields, "message");
        if (message == null) {
            message = error.isTextual() ? error.asText() : UpstreamJson.text(root, "detail");
        }
        String type = UpstreamJson.text(fields, "type");
        if (type == null || type.equals("error")) {
            type = UpstreamJson.text(fields, "status");
        }
        if (type == null) {
            type = UpstreamJson.text(fields, "code");
        }
        String reason = null;
        Optional<Duration> delay = Optional.empty();
        for (JsonNode detail : fields.path("details")) {
            String kind = String.valueOf(UpstreamJson.text(detail, "@type"));
            if (kind.endsWith("google.rpc.RetryInfo")) {
                delay = RetryHints.protoDuration(UpstreamJson.text(detail, "retryDelay"));
            } else if (kind.endsWith("google.rpc.ErrorInfo")) {
                reason = UpstreamJson.text(detail, "reason");
            }
        }
        if (delay.isEmpty()) {
            delay = RetryHints.fromMessage(message);
        }
        return new UpstreamErrorBody(type, message, reason, delay);
    }

    /** "type: message", for messages that quote the upstream. */
    String describe() {
        if (message == null || message.isBlank()) {
            return type == null ? "no details" : type;
        }
        return type == null ? message : type + ": " + message;
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT_CHARS * 4), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return null;
        }
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "…";
    }
}
