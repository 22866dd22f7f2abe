package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import java.util.ArrayList;
import java.util.List;

/** An Anthropic Messages request as the upstream received it. */
final class AnthropicUpstream extends UpstreamView {

    AnthropicUpstream(ReceivedRequest request) {
        super(request);
    }

    @Override
    WireProtocol protocol() {
        return WireProtocol.ANTHROPIC;
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
        return Wire.text(body.path("system"));
    }

    @Override
    List<Msg> conversation() {
        List<Msg> out = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            List<String> texts = new ArrayList<>();
            content(m).forEach(b -> {
                if (b.path("type").asText().equals("text")) {
                    texts.add(b.path("text").asText());
                }
            });
            if (!texts.isEmpty()) {
                out.add(new Msg(m.path("role").asText(), String.join("\n", texts)));
            }
        }
        return out;
    }

    @Override
    List<String> toolNames() {
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    @Override
    String forcedTool() {
        JsonNode choice = body.path("tool_choice");
        return choice.path("type").asText().equals("tool") ? choice.path("name").asText() : null;
    }

    @Override
    List<Call> toolCalls() {
        List<Call> calls = new ArrayList<>();
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            for (JsonNode b : content(messages.get(i))) {
                if (b.path("type").asText().equals("tool_use")) {
                    calls.add(new Call(i, Wire.string(b, "id"), Wire.string(b, "name"), b.path("input")));
                }
            }
        }
        return calls;
    }

    @Override
    List<Result> toolResults() {
        List<Result> results = new ArrayList<>();
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            for (JsonNode b : content(messages.get(i))) {
                if (b.path("type").asText().equals("tool_result")) {
                    results.add(new Result(i, Wire.string(b, "tool_use_id"), null, Wire.text(b.path("content"))));
                }
            }
        }
        return results;
    }

    @Override
    List<Img> images() {
        List<Img> images = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            for (JsonNode b : content(m)) {
                if (b.path("type").asText().equals("image")) {
                    JsonNode s = b.path("source");
                    images.add(new Img(Wire.string(s, "media_type"), Wire.string(s, "data"), Wire.string(s, "url")));
                }
            }
        }
        return images;
    }

    @Override
    List<String> stopSequences() {
        return Wire.stringList(body.path("stop_sequences"));
    }

    @Override
    Integer maxTokens() {
        return Wire.integer(body, "max_tokens");
    }

    @Override
    String reasoning() {
        JsonNode thinking = body.path("thinking");
        if (thinking.path("type").asText().equals("enabled")) {
            return "budget:" + thinking.path("budget_tokens").asInt();
        }
        String effort = Wire.string(body.path("output_config"), "effort");
        return effort == null ? null : "effort:" + effort;
    }

    @Override
    String lowReasoning() {
        return "budget:" + KitRequest.REASONING_BUDGET;
    }

    /** A string content is one text block. */
    private static List<JsonNode> content(JsonNode message) {
        JsonNode c = message.path("content");
        List<JsonNode> blocks = new ArrayList<>();
        if (c.isTextual()) {
            blocks.add(Wire.object().put("type", "text").put("text", c.asText()));
        }
        if (c.isArray()) {
            c.forEach(blocks::add);
        }
        return blocks;
    }
}
