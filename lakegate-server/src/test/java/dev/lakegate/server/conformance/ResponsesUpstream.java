package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import java.util.ArrayList;
import java.util.List;

/** An OpenAI Responses request as the upstream received it: {@code instructions} and a flat {@code input} of items. */
final class ResponsesUpstream extends UpstreamView {

    ResponsesUpstream(ReceivedRequest request) {
        super(request);
    }

    @Override
    WireProtocol protocol() {
        return WireProtocol.OPENAI_RESPONSES;
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
        if (body.path("instructions").isTextual()) {
            texts.add(body.path("instructions").asText());
        }
        for (JsonNode item : input()) {
            String role = item.path("role").asText();
            if (isMessage(item) && (role.equals("system") || role.equals("developer"))) {
                texts.add(Wire.text(item.path("content")));
            }
        }
        return texts.isEmpty() ? null : String.join("\n", texts);
    }

    @Override
    List<Msg> conversation() {
        List<Msg> out = new ArrayList<>();
        for (JsonNode item : input()) {
            String role = item.path("role").asText();
            String text = Wire.text(item.path("content"));
            if (isMessage(item) && (role.equals("user") || role.equals("assistant")) && text != null) {
                out.add(new Msg(role, text));
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
        return choice.path("type").asText().equals("function") ? Wire.string(choice, "name") : null;
    }

    @Override
    List<Call> toolCalls() {
        List<Call> calls = new ArrayList<>();
        JsonNode input = input();
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.path("type").asText().equals("function_call")) {
                calls.add(new Call(i, Wire.string(item, "call_id"), Wire.string(item, "name"), Wire.parse(item.path("arguments").asText())));
            }
        }
        return calls;
    }

    @Override
    List<Result> toolResults() {
        List<Result> results = new ArrayList<>();
        JsonNode input = input();
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.path("type").asText().equals("function_call_output")) {
                results.add(new Result(i, Wire.string(item, "call_id"), null, Wire.text(item.path("output"))));
            }
        }
        return results;
    }

    @Override
    List<Img> images() {
        List<Img> images = new ArrayList<>();
        for (JsonNode item : input()) {
            for (JsonNode part : item.path("content")) {
                if (part.path("type").asText().equals("input_image")) {
                    images.add(OpenAiImages.fromUrl(part.path("image_url").asText()));
                }
            }
        }
        return images;
    }

    /** Responses has no stop sequences; a {@code stop} field here would be the gateway's invention. */
    @Override
    List<String> stopSequences() {
        return Wire.stringList(body.path("stop"));
    }

    @Override
    Integer maxTokens() {
        return Wire.integer(body, "max_output_tokens");
    }

    @Override
    String reasoning() {
        String effort = Wire.string(body.path("reasoning"), "effort");
        return effort == null ? null : "effort:" + effort;
    }

    @Override
    String lowReasoning() {
        return "effort:low";
    }

    private JsonNode input() {
        return body.path("input");
    }

    /** A message item: typed {@code message}, or the short form with a role and no type. */
    private static boolean isMessage(JsonNode item) {
        return item.path("type").asText("message").equals("message") && item.has("role");
    }
}
