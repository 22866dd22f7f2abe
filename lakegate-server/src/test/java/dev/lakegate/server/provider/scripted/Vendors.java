package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.sse.SseParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** How a client of each vendor API asks and reads answers, as plainly as the vendors' SDKs would. */
final class Vendors {
    static final String MODEL = "model-a";

    record Call(String name, JsonNode arguments) {}

    private Vendors() {}

    static HttpRequest request(String baseUrl, WireProtocol p, String userText, boolean stream) {
        return request(baseUrl, p, userText, stream, MODEL);
    }

    static HttpRequest request(String baseUrl, WireProtocol p, String userText, boolean stream, String model) {
        ObjectNode body = Json.object();
        String path = switch (p) {
            case ANTHROPIC -> {
                body.put("model", model).put("max_tokens", 256).put("stream", stream);
                body.putArray("messages").addObject().put("role", "user").put("content", userText);
                yield "/v1/messages";
            }
            case OPENAI_CHAT -> {
                body.put("model", model).put("stream", stream);
                body.putArray("messages").addObject().put("role", "user").put("content", userText);
                if (stream) {
                    body.putObject("stream_options").put("include_usage", true);
                }
                yield "/v1/chat/completions";
            }
            case OPENAI_RESPONSES -> {
                body.put("model", model).put("stream", stream);
                body.putArray("input").addObject().put("role", "user").putArray("content").addObject()
                        .put("type", "input_text").put("text", userText);
                yield "/v1/responses";
            }
            case GEMINI -> {
                body.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", userText);
                yield "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
            }
        };
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("content-type", "application/json").header("anthropic-version", "2023-06-01").header("x-api-key", "test-key")
                .POST(HttpRequest.BodyPublishers.ofString(Json.string(body))).build();
    }

    /** The answer's visible text, from a unary body. */
    static String text(WireProtocol p, JsonNode body) {
        StringBuilder out = new StringBuilder();
        switch (p) {
            case ANTHROPIC -> body.path("content").forEach(b -> out.append(b.path("type").asText().equals("text") ? b.path("text").asText() : ""));
            case OPENAI_CHAT -> out.append(body.at("/choices/0/message/content").asText(""));
            case OPENAI_RESPONSES -> body.path("output").forEach(i -> i.path("content").forEach(c -> out.append(c.path("text").asText())));
            case GEMINI -> body.at("/candidates/0/content/parts").forEach(part -> out.append(part.path("thought").asBoolean() ? "" : part.path("text").asText()));
        }
        return out.toString();
    }

    /** The answer's visible text, joined from a stream's deltas; also counts them. */
    static String streamedText(WireProtocol p, List<JsonNode> events, int[] deltas) {
        StringBuilder out = new StringBuilder();
        for (JsonNode e : events) {
            String piece = switch (p) {
                case ANTHROPIC -> e.at("/delta/type").asText().equals("text_delta") ? e.at("/delta/text").asText() : null;
                case OPENAI_CHAT -> e.at("/choices/0/delta/content").isTextual() ? e.at("/choices/0/delta/content").asText() : null;
                case OPENAI_RESPONSES -> e.path("type").asText().equals("response.output_text.delta") ? e.path("delta").asText() : null;
                case GEMINI -> e.at("/candidates/0/content/parts/0/thought").asBoolean() ? null : e.at("/candidates/0/content/parts/0/text").asText(null);
            };
            if (piece != null && !piece.isEmpty()) {
                out.append(piece);
                deltas[0]++;
            }
        }
        return out.toString();
    }

    /** Names of the tool calls a stream starts, in order. */
    static List<String> streamedToolNames(WireProtocol p, List<JsonNode> events) {
        List<String> names = new ArrayList<>();
        for (JsonNode e : events) {
            switch (p) {
                case ANTHROPIC -> {
                    if (e.at("/content_block/type").asText().equals("tool_use")) {
                        names.add(e.at("/content_block/name").asText());
                    }
                }
                case OPENAI_CHAT -> e.at("/choices/0/delta/tool_calls").forEach(c -> {
                    if (c.at("/function/name").isTextual()) {
                        names.add(c.at("/function/name").asText());
                    }
                });
                case OPENAI_RESPONSES -> {
                    if (e.path("type").asText().equals("response.output_item.added") && e.at("/item/type").asText().equals("function_call")) {
                        names.add(e.at("/item/name").asText());
                    }
                }
                case GEMINI -> e.at("/candidates/0/content/parts").forEach(part -> {
                    if (part.has("functionCall")) {
                        names.add(part.at("/functionCall/name").asText());
                    }
                });
            }
        }
        return names;
    }

    /** The thinking text a stream shows, joined from its deltas. */
    static String streamedThinking(WireProtocol p, List<JsonNode> events) {
        StringBuilder out = new StringBuilder();
        for (JsonNode e : events) {
            out.append(switch (p) {
                case ANTHROPIC -> e.at("/delta/type").asText().equals("thinking_delta") ? e.at("/delta/thinking").asText() : "";
                case OPENAI_CHAT -> "";
                case OPENAI_RESPONSES -> e.path("type").asText().equals("response.reasoning_summary_text.delta") ? e.path("delta").asText() : "";
                case GEMINI -> e.at("/candidates/0/content/parts/0/thought").asBoolean() ? e.at("/candidates/0/content/parts/0/text").asText() : "";
            });
        }
        return out.toString();
    }

    static List<Call> toolCalls(WireProtocol p, JsonNode body) {
        List<Call> calls = new ArrayList<>();
        switch (p) {
            case ANTHROPIC -> body.path("content").forEach(b -> {
                if (b.path("type").asText().equals("tool_use")) {
                    calls.add(new Call(b.path("name").asText(), b.path("input")));
                }
            });
            case OPENAI_CHAT -> body.at("/choices/0/message/tool_calls").forEach(c ->
                    calls.add(new Call(c.at("/function/name").asText(), Json.parse(c.at("/function/arguments").asText(), "arguments"))));
            case OPENAI_RESPONSES -> body.path("output").forEach(i -> {
                if (i.path("type").asText().equals("function_call")) {
                    calls.add(new Call(i.path("name").asText(), Json.parse(i.path("arguments").asText(), "arguments")));
                }
            });
            case GEMINI -> body.at("/candidates/0/content/parts").forEach(part -> {
                if (part.has("functionCall")) {
                    calls.add(new Call(part.at("/functionCall/name").asText(), part.at("/functionCall/args")));
                }
            });
        }
        return calls;
    }

    /** The thinking text a unary answer shows, or "" where the protocol carries none (OpenAI Chat). */
    static String thinking(WireProtocol p, JsonNode body) {
        return switch (p) {
            case ANTHROPIC -> body.at("/content/0/thinking").asText("");
            case OPENAI_CHAT -> "";
            case OPENAI_RESPONSES -> body.at("/output/0/summary/0/text").asText("");
            case GEMINI -> body.at("/candidates/0/content/parts/0/thought").asBoolean() ? body.at("/candidates/0/content/parts/0/text").asText() : "";
        };
    }

    static String errorMessage(JsonNode body) {
        return body.at("/error/message").asText();
    }

    /** Parses an SSE body into its JSON data, skipping OpenAI Chat's {@code [DONE]}. */
    static List<JsonNode> sseData(byte[] body) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(body);
        parser.finish();
        return events.stream().filter(e -> !e.data().equals("[DONE]")).map(e -> Json.parse(e.data(), "SSE data")).toList();
    }

    static JsonNode json(byte[] body) {
        return Json.parse(new String(body, StandardCharsets.UTF_8), "response body");
    }
}
