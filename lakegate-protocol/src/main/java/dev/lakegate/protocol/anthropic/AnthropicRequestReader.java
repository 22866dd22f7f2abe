package dev.lakegate.protocol.anthropic;

import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.bool;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.integer;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.number;
import static dev.lakegate.protocol.canonical.request.JsonFields.requireString;
import static dev.lakegate.protocol.canonical.request.JsonFields.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.JsonFields;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Top level of an Anthropic Messages request; content blocks in {@link AnthropicRequestBlocks}, tools and options in {@link AnthropicRequestOptions}. */
final class AnthropicRequestReader {
    static final WireProtocol A = WireProtocol.ANTHROPIC;
    private static final Set<String> KNOWN = Set.of("model", "messages", "system", "max_tokens", "stop_sequences", "temperature",
            "top_p", "top_k", "stream", "metadata", "tools", "tool_choice", "thinking", "output_config");

    private AnthropicRequestReader() {}

    static CanonicalRequest read(byte[] body) {
        ObjectNode root = JsonFields.parseBody(body);
        Extras.Builder extras = Extras.builder(A).fields(leftovers(root, KNOWN));
        CanonicalRequest.Builder b = CanonicalRequest.builder()
                .model(string(root, "model", ""))
                .system(system(root, extras))
                .messages(messages(root))
                .sampling(new Sampling(integer(root, "max_tokens", ""), number(root, "temperature", ""), number(root, "top_p", ""),
                        integer(root, "top_k", ""), strings(root, "stop_sequences")))
                .stream(Boolean.TRUE.equals(bool(root, "stream", "")));
        extras.hint("stream_false", root.has("stream") && !Boolean.TRUE.equals(bool(root, "stream", "")));
        AnthropicRequestOptions.read(root, b, extras);
        return b.extras(extras.build()).build();
    }

    private static List<ContentBlock.Text> system(ObjectNode root, Extras.Builder extras) {
        JsonNode system = root.get("system");
        if (system == null || system.isNull()) {
            return List.of();
        }
        if (system.isTextual()) {
            extras.hint("system", "string");
            return List.of(new ContentBlock.Text(system.textValue(), Extras.of(A)));
        }
        ArrayNode blocks = array(root, "system", "");
        List<ContentBlock.Text> texts = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            String path = at("system", i);
            if (!(AnthropicRequestBlocks.read(element(blocks.get(i), path), path) instanceof ContentBlock.Text t)) {
                throw error(path, "expected a text block, got type '" + blocks.get(i).path("type").asText() + "'");
            }
            texts.add(t);
        }
        return texts;
    }

    private static List<Message> messages(ObjectNode root) {
        ArrayNode messages = array(root, "messages", "");
        if (messages == null) {
            throw error("messages", "missing; send the conversation as an array of {role, content} messages");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String path = at("messages", i);
            ObjectNode m = element(messages.get(i), path);
            Message.Role role = switch (requireString(m, "role", path)) {
                case "user" -> Message.Role.USER;
                case "assistant" -> Message.Role.ASSISTANT;
                case "system" -> Message.Role.SYSTEM;
                default -> throw error(at(path, "role"), "expected user, assistant or system, got '" + m.get("role").textValue() + "'");
            };
            Extras.Builder extras = Extras.builder(A).fields(leftovers(m, Set.of("role", "content")));
            out.add(new Message(role, AnthropicRequestBlocks.content(m, "content", path, extras), extras.build()));
        }
        return out;
    }

    static List<String> strings(ObjectNode parent, String field) {
        ArrayNode values = array(parent, field, "");
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isTextual()) {
                throw error(at(field, i), "expected a string");
            }
            out.add(values.get(i).textValue());
        }
        return out;
    }
}
