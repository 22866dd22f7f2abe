package dev.lakegate.protocol.openai.chat;

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
import dev.lakegate.protocol.openai.OpenAiRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Top level and messages of a Chat Completions request; parts in {@link ChatRequestParts}, options in {@link ChatRequestOptions}. */
final class ChatRequestReader {
    static final WireProtocol C = WireProtocol.OPENAI_CHAT;
    private static final Set<String> KNOWN = Set.of("model", "messages", "tools", "tool_choice", "parallel_tool_calls", "max_tokens",
            "max_completion_tokens", "stop", "temperature", "top_p", "reasoning_effort", "response_format", "stream", "user");

    private ChatRequestReader() {}

    static CanonicalRequest read(byte[] body) {
        ObjectNode root = JsonFields.parseBody(body);
        Extras.Builder extras = Extras.builder(C).fields(leftovers(root, KNOWN));
        Integer max = integer(root, "max_completion_tokens", "");
        if (max == null) {
            max = integer(root, "max_tokens", "");
            extras.hint("max_tokens", max != null);
        }
        CanonicalRequest.Builder b = CanonicalRequest.builder()
                .model(string(root, "model", ""))
                .messages(messages(root))
                .sampling(new Sampling(max, number(root, "temperature", ""), number(root, "top_p", ""), null, stop(root, extras)))
                .parallelToolCalls(bool(root, "parallel_tool_calls", ""))
                .stream(Boolean.TRUE.equals(bool(root, "stream", "")))
                .userId(string(root, "user", ""));
        extras.hint("stream_false", root.has("stream") && !Boolean.TRUE.equals(bool(root, "stream", "")));
        ChatRequestOptions.read(root, b);
        return b.extras(extras.build()).build();
    }

    private static List<String> stop(ObjectNode root, Extras.Builder extras) {
        JsonNode stop = root.get("stop");
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            extras.hint("stop", "string");
            return List.of(stop.textValue());
        }
        ArrayNode all = array(root, "stop", "");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).isTextual()) {
                throw error(at("stop", i), "expected a string");
            }
            out.add(all.get(i).textValue());
        }
        return out;
    }

    private static List<Message> messages(ObjectNode root) {
        ArrayNode messages = array(root, "messages", "");
        if (messages == null) {
            throw error("messages", "missing; send the conversation as an array of {role, content} messages");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String path = at("messages", i);
            out.add(message(element(messages.get(i), path), path));
        }
        return out;
    }

    private static Message message(ObjectNode m, String path) {
        String role = requireString(m, "role", path);
        Extras.Builder extras = Extras.builder(C);
        return switch (role) {
            case "system", "developer" -> {
                extras.hint("role", role).fields(leftovers(m, Set.of("role", "content")));
                List<ContentBlock> content = ChatRequestParts.content(m, path, extras);
                yield new Message(Message.Role.SYSTEM, content, extras.build());
            }
            case "user" -> {
                extras.fields(leftovers(m, Set.of("role", "content")));
                List<ContentBlock> content = ChatRequestParts.content(m, path, extras);
                yield new Message(Message.Role.USER, content, extras.build());
            }
            case "assistant" -> assistant(m, path, extras);
            case "tool" -> {
                Extras.Builder result = Extras.builder(C).fields(leftovers(m, Set.of("role", "content", "tool_call_id")));
                List<ContentBlock> content = ChatRequestParts.content(m, path, result);
                yield new Message(Message.Role.USER, List.of(new ContentBlock.ToolResult(requireString(m, "tool_call_id", path), content,
                        false, result.build())), extras.hint("role", "tool").build());
            }
            default -> throw error(at(path, "role"), "expected system, developer, user, assistant or tool, got '" + role + "'");
        };
    }

    private static Message assistant(ObjectNode m, String path, Extras.Builder extras) {
        extras.fields(leftovers(m, Set.of("role", "content", "tool_calls")));
        List<ContentBlock> content = new ArrayList<>(ChatRequestParts.content(m, path, extras));
        ArrayNode calls = array(m, "tool_calls", path);
        for (int i = 0; calls != null && i < calls.size(); i++) {
            String p = at(at(path, "tool_calls"), i);
            ObjectNode call = element(calls.get(i), p);
            String type = string(call, "type", p);
            if (type != null && !type.equals("function")) {
                content.add(new ContentBlock.Opaque("tool_call:" + type, Extras.builder(C).fields(call).build()));
                continue;
            }
            ObjectNode function = JsonFields.object(call, "function", p);
            if (function == null) {
                throw error(at(p, "function"), "missing; a tool call needs {name, arguments}");
            }
            String fp = at(p, "function");
            String arguments = string(function, "arguments", fp);
            content.add(new ContentBlock.ToolUse(requireString(call, "id", p), requireString(function, "name", fp),
                    OpenAiRequests.arguments(arguments, at(fp, "arguments")),
                    Extras.builder(C).fields(leftovers(call, Set.of("id", "type", "function"))).hint("arguments", arguments).build()));
        }
        return new Message(Message.Role.ASSISTANT, content, extras.build());
    }
}
