package dev.lakegate.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.sse.SseEvent;

/**
 * The Gemini API, as Gemini CLI and the Google GenAI SDKs send it: the model in the path, tools with
 * {@code parametersJsonSchema}, and tool calls answered with the CLI's own call ids
 * ({@code <name>_<millis>_<n>}), since a Gemini answer carries none.
 */
final class GeminiClient implements ClientDialect {

    @Override
    public WireProtocol protocol() {
        return WireProtocol.GEMINI;
    }

    @Override
    public String path(String endpoint, boolean stream) {
        return "/gemini/v1beta/models/" + endpoint + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    @Override
    public ObjectNode body(KitRequest r, String endpoint, boolean stream) {
        ObjectNode body = Wire.object();
        ArrayNode contents = body.putArray("contents");
        r.turns().forEach(t -> contents.add(content(t)));
        if (r.system() != null) {
            body.putObject("systemInstruction").put("role", "user").putArray("parts").addObject().put("text", r.system());
        }
        if (!r.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            r.tools().forEach(t -> declarations.addObject().put("name", t.name()).put("description", t.description())
                    .set("parametersJsonSchema", t.schema()));
        }
        if (r.forcedTool() != null) {
            body.putObject("toolConfig").putObject("functionCallingConfig").put("mode", "ANY").putArray("allowedFunctionNames").add(r.forcedTool());
        }
        ObjectNode generation = Wire.object();
        if (r.maxTokens() != null) {
            generation.put("maxOutputTokens", r.maxTokens());
        }
        if (!r.stopSequences().isEmpty()) {
            generation.set("stopSequences", Wire.strings(r.stopSequences()));
        }
        if (r.reasoning()) {
            generation.putObject("thinkingConfig").put("thinkingBudget", KitRequest.REASONING_BUDGET).put("includeThoughts", true);
        }
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }
        return body;
    }

    private static ObjectNode content(KitRequest.Turn turn) {
        ObjectNode c = Wire.object();
        ArrayNode parts = Wire.array();
        switch (turn) {
            case KitRequest.User u -> {
                c.put("role", "user");
                if (u.image() != null && u.image().url() != null) {
                    parts.addObject().putObject("fileData").put("mimeType", u.image().mediaType()).put("fileUri", u.image().url());
                } else if (u.image() != null) {
                    parts.addObject().putObject("inlineData").put("mimeType", u.image().mediaType()).put("data", u.image().base64());
                }
                parts.addObject().put("text", u.text());
            }
            case KitRequest.Assistant a -> {
                c.put("role", "model");
                parts.addObject().put("text", a.text());
            }
            case KitRequest.Calls calls -> {
                c.put("role", "model");
                calls.calls().forEach(call -> parts.addObject().putObject("functionCall").put("id", call.id()).put("name", call.name())
                        .set("args", call.arguments()));
            }
            case KitRequest.Results rs -> {
                c.put("role", "user");
                rs.results().forEach(result -> parts.addObject().putObject("functionResponse").put("id", result.callId())
                        .put("name", result.name()).putObject("response").put("output", result.text()));
            }
        }
        c.set("parts", parts);
        return c;
    }

    @Override
    public String echoedCallId(String receivedId, String name, int index) {
        return name + "_1795812094976_" + index;
    }

    @Override
    public String wireStopReason(JsonNode answer) {
        return Wire.string(answer.path("candidates").path(0), "finishReason");
    }

    @Override
    public String wireStopReason(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE, TOOL_USE -> "STOP";
            case MAX_TOKENS -> "MAX_TOKENS";
            default -> throw new IllegalArgumentException("the kit does not script " + reason);
        };
    }

    @Override
    public ErrorBody error(int status, JsonNode body) {
        JsonNode error = body.path("error");
        assertThat(error.path("code").asInt()).as("Gemini error.code in %s", body).isEqualTo(status);
        assertThat(error.path("message").isTextual()).as("Gemini error.message in %s", body).isTrue();
        assertThat(error.path("status").isTextual()).as("Gemini error.status in %s", body).isTrue();
        String retryDelay = null;
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
                retryDelay = detail.path("retryDelay").asText();
            }
        }
        return new ErrorBody(error.path("status").asText(), error.path("message").asText(), retryDelay);
    }

    @Override
    public String errorName(int status) {
        return switch (status) {
            case 429 -> "RESOURCE_EXHAUSTED";
            case 500 -> "INTERNAL";
            case 502, 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
        };
    }

    @Override
    public boolean isError(SseEvent event) {
        return Wire.parse(event.data()).has("error");
    }

    @Override
    public boolean isCompletion(SseEvent event) {
        for (JsonNode candidate : Wire.parse(event.data()).path("candidates")) {
            if (candidate.path("finishReason").isTextual()) {
                return true;
            }
        }
        return false;
    }
}
