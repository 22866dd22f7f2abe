package dev.lakegate.protocol.openai.responses;

import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.requireString;
import static dev.lakegate.protocol.canonical.request.JsonFields.string;
import static dev.lakegate.protocol.openai.responses.ResponsesRequestReader.R;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.ImageUrls;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.openai.OpenAiRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Responses input items, each read into one canonical message. */
final class ResponsesRequestItems {
    private ResponsesRequestItems() {}

    static Message read(ObjectNode item, String path) {
        String type = string(item, "type", path);
        if (type == null && item.has("role")) {
            return message(item, path, true);
        }
        if (type == null) {
            throw error(at(path, "type"), "missing; an input item needs a type (message, function_call, function_call_output, …)");
        }
        return switch (type) {
            case "message" -> message(item, path, false);
            case "function_call" -> {
                String arguments = string(item, "arguments", path);
                yield single(Message.Role.ASSISTANT, new ContentBlock.ToolUse(requireString(item, "call_id", path), requireString(item, "name", path),
                        OpenAiRequests.arguments(arguments, at(path, "arguments")),
                        Extras.builder(R).fields(leftovers(item, Set.of("type", "call_id", "name", "arguments"))).hint("arguments", arguments).build()));
            }
            case "function_call_output" -> {
                Extras.Builder extras = Extras.builder(R).fields(leftovers(item, Set.of("type", "call_id", "output")));
                yield single(Message.Role.USER, new ContentBlock.ToolResult(requireString(item, "call_id", path),
                        content(item, "output", path, extras), false, extras.build()));
            }
            case "reasoning" -> single(Message.Role.ASSISTANT, new ContentBlock.Thinking(reasoningText(item), string(item, "encrypted_content", path),
                    Extras.builder(R).fields(leftovers(item, Set.of("type", "encrypted_content"))).build()));
            // custom tool calls, hosted tool calls, item references, …: only the Responses API knows them
            default -> single(type.endsWith("_output") ? Message.Role.USER : Message.Role.ASSISTANT,
                    new ContentBlock.Opaque(type, Extras.builder(R).fields(item).hint("item", true).build()));
        };
    }

    private static Message single(Message.Role role, ContentBlock block) {
        return new Message(role, List.of(block), Extras.of(R));
    }

    private static Message message(ObjectNode item, String path, boolean untyped) {
        String role = requireString(item, "role", path);
        Message.Role r = switch (role) {
            case "user" -> Message.Role.USER;
            case "assistant" -> Message.Role.ASSISTANT;
            case "system", "developer" -> Message.Role.SYSTEM;
            default -> throw error(at(path, "role"), "expected user, assistant, system or developer, got '" + role + "'");
        };
        Extras.Builder extras = Extras.builder(R).fields(leftovers(item, Set.of("type", "role", "content")))
                .hint("role", role).hint("untyped", untyped);
        List<ContentBlock> content = content(item, "content", path, extras);
        return new Message(r, content, extras.build());
    }

    /** Message content or function output: a string (hinted) or parts. */
    private static List<ContentBlock> content(ObjectNode item, String field, String path, Extras.Builder hints) {
        JsonNode content = item.get(field);
        if (content == null || content.isNull()) {
            throw error(at(path, field), "missing");
        }
        if (content.isTextual()) {
            hints.hint(field, "string");
            return List.of(new ContentBlock.Text(content.textValue(), Extras.of(R)));
        }
        ArrayNode parts = array(item, field, path);
        List<ContentBlock> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String p = at(at(path, field), i);
            out.add(part(element(parts.get(i), p), p));
        }
        return out;
    }

    private static ContentBlock part(ObjectNode part, String path) {
        String type = requireString(part, "type", path);
        return switch (type) {
            case "input_text", "output_text" -> new ContentBlock.Text(requireString(part, "text", path),
                    Extras.builder(R).fields(leftovers(part, Set.of("type", "text"))).hint("type", type).build());
            case "input_image" -> {
                String url = string(part, "image_url", path);
                yield url == null ? new ContentBlock.Opaque(type, Extras.builder(R).fields(part).build()) // a file_id only OpenAI can resolve
                        : new ContentBlock.Image(ImageUrls.parse(url), Extras.builder(R).fields(leftovers(part, Set.of("type", "image_url"))).build());
            }
            default -> new ContentBlock.Opaque(type, Extras.builder(R).fields(part).build());
        };
    }

    /** The readable part of a reasoning item: its reasoning text if present, else its summaries. */
    private static String reasoningText(ObjectNode item) {
        StringBuilder s = new StringBuilder();
        JsonNode parts = item.path("content").isArray() && !item.path("content").isEmpty() ? item.get("content") : item.path("summary");
        for (JsonNode p : parts) {
            s.append(s.isEmpty() ? "" : "\n\n").append(p.path("text").asText(""));
        }
        return s.toString();
    }
}
