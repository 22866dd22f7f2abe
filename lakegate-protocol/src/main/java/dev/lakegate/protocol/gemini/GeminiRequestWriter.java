package dev.lakegate.protocol.gemini;

import static dev.lakegate.protocol.gemini.GeminiRequestReader.G;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Conversation;
import dev.lakegate.protocol.canonical.request.Message;
import java.util.List;
import java.util.Map;

/** Writes a canonical request as a Gemini body: contents and system instruction here, config in {@link GeminiRequestConfigWriter}. */
final class GeminiRequestWriter {
    private GeminiRequestWriter() {}

    static byte[] write(CanonicalRequest r) {
        boolean foreign = !r.extras().from(G);
        Conversation.Split split = Conversation.hoistSystem(Conversation.system(r, G), Conversation.portable(r.messages(), G), G);
        List<Message> messages = Conversation.mergeSameRole(split.messages(), G);
        Map<String, String> names = Conversation.toolNames(messages);

        ObjectNode root = Json.object();
        ArrayNode contents = root.putArray("contents");
        for (Message m : messages) {
            ObjectNode content = contents.addObject();
            String role = m.extras().from(G) ? m.extras().hint(G, "role") : m.role() == Message.Role.ASSISTANT ? "model" : "user";
            ArrayNode parts = content.putArray("parts");
            boolean signed = false;
            for (ContentBlock b : m.content()) {
                ObjectNode part = GeminiRequestPartWriter.write(b, names, parts);
                if (foreign && !signed && part != null && part.has("functionCall")) {
                    // Gemini 3 wants a thought signature on each turn's first call; foreign turns have none, and
                    // this documented value tells Gemini to skip the check for history from another model
                    part.put("thoughtSignature", GeminiRequestPartWriter.SKIP_SIGNATURE);
                    signed = true;
                }
            }
            if (role != null) {
                content.put("role", role);
            }
            m.extras().writeInto(G, content);
        }
        if (!split.system().isEmpty()) {
            ObjectNode instruction = root.putObject("systemInstruction");
            ArrayNode parts = instruction.putArray("parts");
            split.system().forEach(t -> {
                ObjectNode part = parts.addObject().put("text", t.text());
                t.extras().writeInto(G, part);
            });
            String role = r.extras().hint(G, "system_role");
            if (role != null) {
                instruction.put("role", role);
            }
        }
        GeminiRequestConfigWriter.write(root, r, foreign);
        r.extras().writeInto(G, root);
        return Json.bytes(root);
    }
}
