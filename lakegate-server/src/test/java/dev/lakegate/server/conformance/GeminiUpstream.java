package dev.lakegate.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Gemini generateContent or streamGenerateContent request as the upstream received it: the model and the streaming in the URL. */
final class GeminiUpstream extends UpstreamView {

    GeminiUpstream(ReceivedRequest request) {
        super(request);
    }

    @Override
    WireProtocol protocol() {
        return WireProtocol.GEMINI;
    }

    @Override
    String model() {
        String path = request.path();
        String modelAndOp = path.substring(path.indexOf("/models/") + "/models/".length());
        return URLDecoder.decode(modelAndOp.substring(0, modelAndOp.lastIndexOf(':')), StandardCharsets.UTF_8);
    }

    /** {@code :streamGenerateContent?alt=sse}; the JSON-array framing (no {@code alt=sse}) is not what the gateway should ask for. */
    @Override
    boolean streamed() {
        return request.path().endsWith(":streamGenerateContent") && "alt=sse".equals(request.query());
    }

    @Override
    String systemText() {
        return Wire.text(body.path("systemInstruction").path("parts"));
    }

    @Override
    List<Msg> conversation() {
        List<Msg> out = new ArrayList<>();
        for (JsonNode c : body.path("contents")) {
            List<String> texts = new ArrayList<>();
            for (JsonNode part : c.path("parts")) {
                if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                    texts.add(part.path("text").asText());
                }
            }
            if (!texts.isEmpty()) {
                out.add(new Msg(c.path("role").asText().equals("model") ? "assistant" : "user", String.join("\n", texts)));
            }
        }
        return out;
    }

    @Override
    List<String> toolNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            tool.path("functionDeclarations").forEach(d -> names.add(d.path("name").asText()));
        }
        return names;
    }

    @Override
    String forcedTool() {
        JsonNode calling = body.path("toolConfig").path("functionCallingConfig");
        JsonNode allowed = calling.path("allowedFunctionNames");
        return calling.path("mode").asText().equals("ANY") && allowed.size() == 1 ? allowed.get(0).asText() : null;
    }

    @Override
    List<Call> toolCalls() {
        List<Call> calls = new ArrayList<>();
        JsonNode contents = body.path("contents");
        for (int i = 0; i < contents.size(); i++) {
            for (JsonNode part : contents.get(i).path("parts")) {
                JsonNode call = part.path("functionCall");
                if (call.isObject()) {
                    calls.add(new Call(i, Wire.string(call, "id"), Wire.string(call, "name"), call.path("args")));
                }
            }
        }
        return calls;
    }

    @Override
    List<Result> toolResults() {
        List<Result> results = new ArrayList<>();
        JsonNode contents = body.path("contents");
        for (int i = 0; i < contents.size(); i++) {
            for (JsonNode part : contents.get(i).path("parts")) {
                JsonNode fr = part.path("functionResponse");
                if (fr.isObject()) {
                    JsonNode response = fr.path("response");
                    String text = response.path("output").isTextual() ? response.path("output").asText() : Json.string(response);
                    results.add(new Result(i, Wire.string(fr, "id"), Wire.string(fr, "name"), text));
                }
            }
        }
        return results;
    }

    @Override
    List<Img> images() {
        List<Img> images = new ArrayList<>();
        for (JsonNode c : body.path("contents")) {
            for (JsonNode part : c.path("parts")) {
                if (part.path("inlineData").isObject()) {
                    images.add(new Img(Wire.string(part.path("inlineData"), "mimeType"), Wire.string(part.path("inlineData"), "data"), null));
                } else if (part.path("fileData").isObject()) {
                    images.add(new Img(Wire.string(part.path("fileData"), "mimeType"), null, Wire.string(part.path("fileData"), "fileUri")));
                }
            }
        }
        return images;
    }

    @Override
    List<String> stopSequences() {
        return Wire.stringList(generation().path("stopSequences"));
    }

    @Override
    Integer maxTokens() {
        return Wire.integer(generation(), "maxOutputTokens");
    }

    @Override
    String reasoning() {
        JsonNode thinking = generation().path("thinkingConfig");
        if (thinking.path("thinkingBudget").isNumber()) {
            return "budget:" + thinking.path("thinkingBudget").asInt();
        }
        String level = Wire.string(thinking, "thinkingLevel");
        return level == null ? null : "effort:" + level;
    }

    @Override
    String lowReasoning() {
        return "budget:" + KitRequest.REASONING_BUDGET;
    }

    private JsonNode generation() {
        return body.path("generationConfig");
    }
}
