package dev.lakegate.protocol.openai.chat;

import static dev.lakegate.protocol.openai.chat.ChatRequestReader.C;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.Sampling;
import dev.lakegate.protocol.canonical.request.ToolIds;
import dev.lakegate.protocol.openai.OpenAiRequests;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes a canonical request as a Chat Completions body. */
final class ChatRequestWriter {
    /** OpenAI rejects more stop sequences than this. */
    private static final int MAX_STOPS = 4;

    private ChatRequestWriter() {}

    static byte[] write(CanonicalRequest r, String upstreamModel) {
        boolean foreign = !r.extras().from(C);
        ObjectNode root = Json.object();
        root.put("model", upstreamModel != null ? upstreamModel : r.model());
        ArrayNode messages = root.putArray("messages");
        List<ContentBlock.Text> system = Conversation.system(r, C);
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", Conversation.text(system, "\n\n"));
        }
        List<Message> conversation = Conversation.portable(r.messages(), C);
        for (Message m : foreign ? Conversation.mergeSameRole(conversation, C) : conversation) {
            ChatRequestMessages.write(m, messages);
        }
        Set<String> names = new HashSet<>();
        ChatRequestOptions.writeTools(root, r, names);
        ChatRequestOptions.writeToolChoice(root, Conversation.toolChoice(r.toolChoice(), names));
        if (r.parallelToolCalls() != null && !names.isEmpty()) {
            root.put("parallel_tool_calls", r.parallelToolCalls());
        }
        sampling(root, r.sampling(), r, foreign);
        String effort = OpenAiRequests.effortFor(r.reasoning(), foreign);
        if (effort != null) {
            root.put("reasoning_effort", effort);
        }
        ChatRequestOptions.writeFormat(root, r.outputFormat());
        if (r.stream() || r.extras().hinted(C, "stream_false")) {
            root.put("stream", r.stream());
        }
        if (r.stream()) {
            // the gateway needs the usage chunk to account the request, whatever the client asked
            root.putObject("stream_options").put("include_usage", true);
        }
        if (r.userId() != null) {
            root.put("user", foreign ? Conversation.shortUserId(r.userId()) : r.userId());
        }
        r.extras().writeInto(C, root);
        return Json.bytes(root);
    }

    /** Chat caps tool call ids at 40 characters; longer ones get a stable hash. */
    static String id(String id) {
        return ToolIds.fit(id, 40);
    }

    private static void sampling(ObjectNode root, Sampling s, CanonicalRequest r, boolean foreign) {
        if (s.maxOutputTokens() != null) {
            root.put(r.extras().hinted(C, "max_tokens") ? "max_tokens" : "max_completion_tokens", s.maxOutputTokens());
        }
        if (s.temperature() != null) {
            root.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            root.put("top_p", s.topP());
        }
        List<String> stops = foreign && s.stopSequences().size() > MAX_STOPS ? s.stopSequences().subList(0, MAX_STOPS) : s.stopSequences();
        if (stops.size() == 1 && "string".equals(r.extras().hint(C, "stop"))) {
            root.put("stop", stops.getFirst());
        } else if (!stops.isEmpty()) {
            ArrayNode a = root.putArray("stop");
            new ArrayList<>(stops).forEach(a::add);
        }
    }
}
