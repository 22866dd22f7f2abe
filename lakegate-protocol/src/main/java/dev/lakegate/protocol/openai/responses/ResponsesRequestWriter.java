package dev.lakegate.protocol.openai.responses;

import static dev.lakegate.protocol.openai.responses.ResponsesRequestReader.R;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.Sampling;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes a canonical request as a Responses body; items in {@link ResponsesRequestInput}. */
final class ResponsesRequestWriter {
    private ResponsesRequestWriter() {}

    static byte[] write(CanonicalRequest r, String upstreamModel) {
        boolean foreign = !r.extras().from(R);
        ObjectNode root = Json.object();
        root.put("model", upstreamModel != null ? upstreamModel : r.model());
        List<ContentBlock.Text> system = Conversation.system(r, R);
        if (!system.isEmpty()) {
            root.put("instructions", Conversation.text(system, "\n\n"));
        }
        List<Message> messages = Conversation.portable(r.messages(), R);
        if (!foreign && "string".equals(r.extras().hint(R, "input")) && messages.size() == 1
                && messages.getFirst().content().size() == 1 && messages.getFirst().content().getFirst() instanceof ContentBlock.Text t) {
            root.put("input", t.text());
        } else {
            ArrayNode input = root.putArray("input");
            messages.forEach(m -> ResponsesRequestInput.write(m, input));
        }
        Set<String> names = new HashSet<>();
        ResponsesRequestOptions.writeTools(root, r, names);
        ResponsesRequestOptions.writeToolChoice(root, Conversation.toolChoice(r.toolChoice(), names));
        if (r.parallelToolCalls() != null && !names.isEmpty()) {
            root.put("parallel_tool_calls", r.parallelToolCalls());
        }
        Sampling s = r.sampling();
        if (s.maxOutputTokens() != null) {
            root.put("max_output_tokens", s.maxOutputTokens());
        }
        if (s.temperature() != null) {
            root.put("temperature", s.temperature());
        }
        if (s.topP() != null) {
            root.put("top_p", s.topP());
        }
        ResponsesRequestOptions.writeReasoning(root, r, foreign);
        ResponsesRequestOptions.writeFormat(root, r.outputFormat());
        if (r.stream() || r.extras().hinted(R, "stream_false")) {
            root.put("stream", r.stream());
        }
        if (r.userId() != null) {
            root.put("user", foreign ? Conversation.shortUserId(r.userId()) : r.userId());
        }
        if (foreign) {
            // the client resends the whole history every turn; nothing needs to be kept at OpenAI
            root.put("store", false);
        }
        r.extras().writeInto(R, root);
        return Json.bytes(root);
    }
}
