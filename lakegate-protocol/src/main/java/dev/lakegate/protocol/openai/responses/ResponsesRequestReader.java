package dev.lakegate.protocol.openai.responses;

import static dev.lakegate.protocol.canonical.request.JsonFields.array;
import static dev.lakegate.protocol.canonical.request.JsonFields.at;
import static dev.lakegate.protocol.canonical.request.JsonFields.bool;
import static dev.lakegate.protocol.canonical.request.JsonFields.element;
import static dev.lakegate.protocol.canonical.request.JsonFields.error;
import static dev.lakegate.protocol.canonical.request.JsonFields.integer;
import static dev.lakegate.protocol.canonical.request.JsonFields.leftovers;
import static dev.lakegate.protocol.canonical.request.JsonFields.number;
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

/** Top level of a Responses request; input items in {@link ResponsesRequestItems}, options in {@link ResponsesRequestOptions}. */
final class ResponsesRequestReader {
    static final WireProtocol R = WireProtocol.OPENAI_RESPONSES;
    private static final Set<String> KNOWN = Set.of("model", "input", "instructions", "tools", "tool_choice", "parallel_tool_calls",
            "max_output_tokens", "temperature", "top_p", "reasoning", "text", "stream", "user");

    private ResponsesRequestReader() {}

    static CanonicalRequest read(byte[] body) {
        ObjectNode root = JsonFields.parseBody(body);
        Extras.Builder extras = Extras.builder(R).fields(leftovers(root, KNOWN));
        String instructions = string(root, "instructions", "");
        CanonicalRequest.Builder b = CanonicalRequest.builder()
                .model(string(root, "model", ""))
                .system(instructions == null ? List.of() : List.of(new ContentBlock.Text(instructions, Extras.of(R))))
                .messages(input(root, extras))
                .sampling(new Sampling(integer(root, "max_output_tokens", ""), number(root, "temperature", ""), number(root, "top_p", ""),
                        null, List.of()))
                .parallelToolCalls(bool(root, "parallel_tool_calls", ""))
                .stream(Boolean.TRUE.equals(bool(root, "stream", "")))
                .userId(string(root, "user", ""));
        extras.hint("stream_false", root.has("stream") && !Boolean.TRUE.equals(bool(root, "stream", "")));
        ResponsesRequestOptions.read(root, b, extras);
        return b.extras(extras.build()).build();
    }

    private static List<Message> input(ObjectNode root, Extras.Builder extras) {
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw error("input", "missing; send the conversation as a string or an array of items");
        }
        if (input.isTextual()) {
            extras.hint("input", "string");
            return List.of(new Message(Message.Role.USER, List.of(new ContentBlock.Text(input.textValue(), Extras.of(R))), Extras.of(R)));
        }
        ArrayNode items = array(root, "input", "");
        List<Message> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = at("input", i);
            out.add(ResponsesRequestItems.read(element(items.get(i), path), path));
        }
        return out;
    }
}
