package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.sse.SseEvent;

/** OpenAI Chat Completions, as OpenCode, Cursor and the OpenAI SDKs send it. */
final class ChatClient implements ClientDialect {

    @Override
    public WireProtocol protocol() {
        return WireProtocol.OPENAI_CHAT;
    }

    @Override
    public String path(String endpoint, boolean stream) {
        return "/openai/v1/chat/completions";
    }

    @Override
    public ObjectNode body(KitRequest r, String endpoint, boolean stream) {
        ObjectNode body = Wire.object().put("model", endpoint).put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true); // else a Chat stream carries no usage
        }
        ArrayNode messages = body.putArray("messages");
        if (r.system() != null) {
            messages.addObject().put("role", "system").put("content", r.system());
        }
        r.turns().forEach(t -> messages(t, messages));
        if (!r.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            r.tools().forEach(t -> tools.addObject().put("type", "function").putObject("function")
                    .put("name", t.name()).put("description", t.description()).set("parameters", t.schema()));
        }
        if (r.forcedTool() != null) {
            body.putObject("tool_choice").put("type", "function").putObject("function").put("name", r.forcedTool());
        }
        if (r.maxTokens() != null) {
            body.put("max_completion_tokens", r.maxTokens());
        }
        if (!r.stopSequences().isEmpty()) {
            body.set("stop", Wire.strings(r.stopSequences()));
        }
        if (r.reasoning()) {
            body.put("reasoning_effort", "low");
        }
        return body;
    }

    /** Chat results are messages of their own, one per call. */
    private static void messages(KitRequest.Turn turn, ArrayNode messages) {
        switch (turn) {
            case KitRequest.User u when u.image() == null -> messages.addObject().put("role", "user").put("content", u.text());
            case KitRequest.User u -> {
                ArrayNode parts = messages.addObject().put("role", "user").putArray("content");
                String url = u.image().url() != null ? u.image().url() : "data:" + u.image().mediaType() + ";base64," + u.image().base64();
                parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
                parts.addObject().put("type", "text").put("text", u.text());
            }
            case KitRequest.Assistant a -> messages.addObject().put("role", "assistant").put("content", a.text());
            case KitRequest.Calls c -> {
                ArrayNode calls = messages.addObject().put("role", "assistant").putNull("content").putArray("tool_calls");
                c.calls().forEach(call -> calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", Json.string(call.arguments())));
            }
            case KitRequest.Results rs -> rs.results().forEach(result ->
                    messages.addObject().put("role", "tool").put("tool_call_id", result.callId()).put("content", result.text()));
        }
    }

    @Override
    public String wireStopReason(JsonNode answer) {
        return Wire.string(answer.path("choices").path(0), "finish_reason");
    }

    @Override
    public String wireStopReason(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            default -> throw new IllegalArgumentException("the kit does not script " + reason);
        };
    }

    @Override
    public ErrorBody error(int status, JsonNode body) {
        return OpenAiErrors.read(body);
    }

    @Override
    public String errorName(int status) {
        return OpenAiErrors.name(status);
    }

    @Override
    public boolean isError(SseEvent event) {
        return !isTrailer(event) && Wire.parse(event.data()).has("error");
    }

    @Override
    public boolean isCompletion(SseEvent event) {
        if (isTrailer(event)) {
            return false;
        }
        for (JsonNode choice : Wire.parse(event.data()).path("choices")) {
            if (choice.path("finish_reason").isTextual()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isTrailer(SseEvent event) {
        return "[DONE]".equals(event.data());
    }
}
