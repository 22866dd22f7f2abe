package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.sse.SseEvent;

/**
 * OpenAI Responses, as Codex CLI sends it: {@code store: false} with the whole history in {@code input},
 * the system prompt as a {@code developer} message (Codex sends no {@code instructions}). Responses has
 * no stop sequences ({@link Behavior#STOP_SEQUENCES}): a request's stop sequences are not written.
 */
final class ResponsesClient implements ClientDialect {

    @Override
    public WireProtocol protocol() {
        return WireProtocol.OPENAI_RESPONSES;
    }

    @Override
    public String path(String endpoint, boolean stream) {
        return "/openai/v1/responses";
    }

    @Override
    public ObjectNode body(KitRequest r, String endpoint, boolean stream) {
        ObjectNode body = Wire.object().put("model", endpoint).put("stream", stream).put("store", false);
        ArrayNode input = body.putArray("input");
        if (r.system() != null) {
            message(input, "developer").addObject().put("type", "input_text").put("text", r.system());
        }
        r.turns().forEach(t -> items(t, input));
        if (!r.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            r.tools().forEach(t -> tools.addObject().put("type", "function").put("name", t.name()).put("description", t.description())
                    .set("parameters", t.schema()));
        }
        if (r.forcedTool() != null) {
            body.putObject("tool_choice").put("type", "function").put("name", r.forcedTool());
        }
        if (r.maxTokens() != null) {
            body.put("max_output_tokens", r.maxTokens());
        }
        if (r.reasoning()) {
            body.putObject("reasoning").put("effort", "low").put("summary", "auto");
        }
        return body;
    }

    private static void items(KitRequest.Turn turn, ArrayNode input) {
        switch (turn) {
            case KitRequest.User u -> {
                ArrayNode content = message(input, "user");
                if (u.image() != null) {
                    String url = u.image().url() != null ? u.image().url() : "data:" + u.image().mediaType() + ";base64," + u.image().base64();
                    content.addObject().put("type", "input_image").put("image_url", url);
                }
                content.addObject().put("type", "input_text").put("text", u.text());
            }
            case KitRequest.Assistant a -> message(input, "assistant").addObject().put("type", "output_text").put("text", a.text());
            case KitRequest.Calls c -> c.calls().forEach(call -> input.addObject().put("type", "function_call").put("call_id", call.id())
                    .put("name", call.name()).put("arguments", Json.string(call.arguments())));
            case KitRequest.Results rs -> rs.results().forEach(result ->
                    input.addObject().put("type", "function_call_output").put("call_id", result.callId()).put("output", result.text()));
        }
    }

    private static ArrayNode message(ArrayNode input, String role) {
        return input.addObject().put("type", "message").put("role", role).putArray("content");
    }

    /** {@code status}, with {@code incomplete_details.reason} when incomplete: Responses has no stop reason field. */
    @Override
    public String wireStopReason(JsonNode answer) {
        String status = Wire.string(answer, "status");
        String reason = Wire.string(answer.path("incomplete_details"), "reason");
        return reason == null ? status : status + ":" + reason;
    }

    @Override
    public String wireStopReason(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE, TOOL_USE -> "completed";
            case MAX_TOKENS -> "incomplete:max_output_tokens";
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
        return "response.failed".equals(event.event()) || "error".equals(event.event());
    }

    @Override
    public boolean isCompletion(SseEvent event) {
        return "response.completed".equals(event.event()) || "response.incomplete".equals(event.event());
    }
}
