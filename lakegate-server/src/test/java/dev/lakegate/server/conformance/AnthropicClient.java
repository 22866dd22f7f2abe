package dev.lakegate.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.sse.SseEvent;

/** Anthropic Messages, as Claude Code and the Anthropic SDKs send it. */
final class AnthropicClient implements ClientDialect {
    /** Anthropic requires max_tokens; Claude Code sends 32000, the SDK examples 1024. */
    private static final int DEFAULT_MAX_TOKENS = 1024;

    @Override
    public WireProtocol protocol() {
        return WireProtocol.ANTHROPIC;
    }

    @Override
    public String path(String endpoint, boolean stream) {
        return "/anthropic/v1/messages";
    }

    @Override
    public ObjectNode body(KitRequest r, String endpoint, boolean stream) {
        ObjectNode body = Wire.object().put("model", endpoint).put("stream", stream)
                .put("max_tokens", r.maxTokens() == null ? DEFAULT_MAX_TOKENS : r.maxTokens());
        if (r.system() != null) {
            body.putArray("system").addObject().put("type", "text").put("text", r.system()); // blocks, as Claude Code sends them
        }
        ArrayNode messages = body.putArray("messages");
        r.turns().forEach(t -> messages.add(message(t)));
        if (!r.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            r.tools().forEach(t -> tools.addObject().put("name", t.name()).put("description", t.description()).set("input_schema", t.schema()));
        }
        if (r.forcedTool() != null) {
            body.putObject("tool_choice").put("type", "tool").put("name", r.forcedTool());
        }
        if (!r.stopSequences().isEmpty()) {
            body.set("stop_sequences", Wire.strings(r.stopSequences()));
        }
        if (r.reasoning()) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", KitRequest.REASONING_BUDGET);
        }
        return body;
    }

    private static ObjectNode message(KitRequest.Turn turn) {
        ObjectNode m = Wire.object();
        ArrayNode content = Wire.array();
        switch (turn) {
            case KitRequest.User u -> {
                m.put("role", "user");
                if (u.image() != null) {
                    ObjectNode source = content.addObject().put("type", "image").putObject("source");
                    if (u.image().url() != null) {
                        source.put("type", "url").put("url", u.image().url());
                    } else {
                        source.put("type", "base64").put("media_type", u.image().mediaType()).put("data", u.image().base64());
                    }
                }
                content.addObject().put("type", "text").put("text", u.text());
            }
            case KitRequest.Assistant a -> {
                m.put("role", "assistant");
                content.addObject().put("type", "text").put("text", a.text());
            }
            case KitRequest.Calls c -> {
                m.put("role", "assistant");
                c.calls().forEach(call -> content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                        .set("input", call.arguments()));
            }
            case KitRequest.Results rs -> {
                m.put("role", "user");
                rs.results().forEach(result -> content.addObject().put("type", "tool_result").put("tool_use_id", result.callId())
                        .put("content", result.text()));
            }
        }
        m.set("content", content);
        return m;
    }

    @Override
    public String wireStopReason(JsonNode answer) {
        return Wire.string(answer, "stop_reason");
    }

    @Override
    public String wireStopReason(StopReason reason) {
        return switch (reason) {
            case END_TURN -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_USE -> "tool_use";
            default -> throw new IllegalArgumentException("the kit does not script " + reason);
        };
    }

    @Override
    public ErrorBody error(int status, JsonNode body) {
        assertThat(body.path("type").asText()).as("Anthropic error envelope type").isEqualTo("error");
        assertThat(body.path("error").path("type").isTextual()).as("Anthropic error.type in %s", body).isTrue();
        assertThat(body.path("error").path("message").isTextual()).as("Anthropic error.message in %s", body).isTrue();
        return new ErrorBody(body.path("error").path("type").asText(), body.path("error").path("message").asText(), null);
    }

    @Override
    public String errorName(int status) {
        return switch (status) {
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    @Override
    public boolean isError(SseEvent event) {
        return "error".equals(event.event());
    }

    @Override
    public boolean isCompletion(SseEvent event) {
        return "message_stop".equals(event.event()) || "message_delta".equals(event.event());
    }
}
