package dev.lakegate.protocol.gemini;

import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.object;
import static dev.lakegate.protocol.canonical.request.JsonFields.string;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.JsonFields;
import dev.lakegate.protocol.canonical.request.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Top level and contents of a Gemini request; parts in {@link GeminiRequestParts}, config in {@link GeminiRequestConfig}. */
final class GeminiRequestReader {
    static final WireProtocol G = WireProtocol.GEMINI;
    private static final Set<String> KNOWN = Set.of("contents", "systemInstruction", "tools", "toolConfig", "generationConfig");

    private GeminiRequestReader() {}

    static CanonicalRequest read(byte[] body) {
        ObjectNode root = JsonFields.parseBody(body);
        Extras.Builder extras = Extras.builder(G).fields(leftovers(root, KNOWN));
        CanonicalRequest.Builder b = CanonicalRequest.builder()
                .system(system(root, extras))
                .messages(contents(root));
        GeminiRequestConfig.read(root, b, extras);
        return b.extras(extras.build()).build();
    }

    private static List<ContentBlock.Text> system(ObjectNode root, Extras.Builder extras) {
        ObjectNode instruction = object(root, "systemInstruction", "");
        if (instruction == null) {
            return List.of();
        }
        extras.hint("system_role", string(instruction, "role", "systemInstruction"))
                .nested("systemInstruction", leftovers(instruction, Set.of("role", "parts")));
        ArrayNode parts = array(instruction, "parts", "systemInstruction");
        List<ContentBlock.Text> texts = new ArrayList<>();
        for (int i = 0; parts != null && i < parts.size(); i++) {
            String path = at("systemInstruction.parts", i);
            ObjectNode part = element(parts.get(i), path);
            String text = string(part, "text", path);
            if (text == null) {
                throw error(path, "expected a text part; a system instruction holds text only");
            }
            texts.add(new ContentBlock.Text(text, Extras.builder(G).fields(leftovers(part, Set.of("text"))).build()));
        }
        return texts;
    }

    private static List<Message> contents(ObjectNode root) {
        ArrayNode contents = array(root, "contents", "");
        if (contents == null) {
            throw error("contents", "missing; send the conversation as an array of {role, parts} contents");
        }
        GeminiCallIds ids = new GeminiCallIds();
        List<Message> out = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            String path = at("contents", i);
            ObjectNode content = element(contents.get(i), path);
            String role = string(content, "role", path);
            Message.Role r = switch (role == null ? "user" : role) {
                case "user", "function" -> Message.Role.USER;
                case "model" -> Message.Role.ASSISTANT;
                default -> throw error(at(path, "role"), "expected user or model, got '" + role + "'");
            };
            Extras.Builder extras = Extras.builder(G).fields(leftovers(content, Set.of("role", "parts"))).hint("role", role);
            ArrayNode parts = array(content, "parts", path);
            List<ContentBlock> blocks = new ArrayList<>();
            for (int j = 0; parts != null && j < parts.size(); j++) {
                String p = at(at(path, "parts"), j);
                blocks.add(GeminiRequestParts.read(element(parts.get(j), p), p, ids));
            }
            out.add(new Message(r, blocks, extras.build()));
        }
        return out;
    }
}
