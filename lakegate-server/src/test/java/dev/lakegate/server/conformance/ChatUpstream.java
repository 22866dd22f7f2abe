package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import java.util.ArrayList;
import java.util.List;

/** An OpenAI Chat Completions request as the upstream received it. */
final class ChatUpstream extends UpstreamView {

    ChatUpstream(ReceivedRequest request) {
        super(request);
    }

    @Override
    WireProtocol protocol() {
        return WireProtocol.OPENAI_CHAT;
    }

    @Override
    String model() {
        return Wire.string(body, "model");
    }

    @Override
    boolean streamed() {
        return body.path("stream").asBoolean(false);
    }

    @Override
    String systemText() {
        List<String> texts = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            if (isInstruction(m)) {
                texts.add(Wire.text(m.path("content")));
            }
        }
        return texts.isEmpty() ? null : String.join("\n", texts);
    }

    @Override
    List<Msg> conversation() {
        List<Msg> out = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            String role = m.path("role").asText();
            String text = Wire.text(m.path("content"));
            if ((role.equals("user") || role.equals("assistant")) && text != null) {
                out.add(new Msg(role, text));
            }
        }
        return out;
    }

    @Override
    List<String> toolNames() {
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(t -> names.add(t.path("function").path("name").asText()));
        return names;
    }

    @Override
    String forcedTool() {
        return Wire.string(body.path("tool_choice").path("function"), "name");
    }

    @Override
    List<Call> toolCalls() {
        List<Call> calls = new ArrayList<>();
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            for (JsonNode c : messages.get(i).path("tool_calls")) {
                JsonNode f = c.path("function");
                calls.add(new Call(i, Wire.string(c, "id"), Wire.string(f, "name"), Wire.parse(f.path("arguments").asText())));
            }
        }
        return calls;
    }

    @Override
    List<Result> toolResults() {
        List<Result> results = new ArrayList<>();
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (m.path("role").asText().equals("tool")) {
                results.add(new Result(i, Wire.string(m, "tool_call_id"), null, Wire.text(m.path("content"))));
            }
        }
        return results;
    }

    @Override
    List<Img> images() {
        List<Img> images = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            for (JsonNode part : m.path("content")) {
                if (part.path("type").asText().equals("image_url")) {
                    images.add(OpenAiImages.fromUrl(part.path("image_url").path("url").asText()));
                }
            }
        }
        return images;
    }

    @Override
    List<String> stopSequences() {
        return Wire.stringList(body.path("stop"));
    }

    @Override
    Integer maxTokens() {
        Integer max = Wire.integer(body, "max_completion_tokens");
        return max != null ? max : Wire.integer(body, "max_tokens");
    }

    @Override
    String reasoning() {
        String effort = Wire.string(body, "reasoning_effort");
        return effort == null ? null : "effort:" + effort;
    }

    @Override
    String lowReasoning() {
        return "effort:low";
    }

    private static boolean isInstruction(JsonNode m) {
        String role = m.path("role").asText();
        return role.equals("system") || role.equals("developer");
    }
}
