package dev.lakegate.server.conformance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one request that reached the scripted upstream says, read by hand from the vendor's own JSON
 * (not through the gateway's codecs, so a codec cannot vouch for itself). One subclass per upstream
 * protocol; the accessors give the kit protocol-independent facts to assert.
 */
abstract class UpstreamView {
    /** A conversation message that carries text; {@code role} is {@code user} or {@code assistant}. */
    record Msg(String role, String text) {}

    /** @param position the index of the message or item that holds it, to check results follow their calls */
    record Call(int position, String id, String name, JsonNode arguments) {}

    /** @param callId null where the wire has none (Gemini); @param name null where the wire has none (all but Gemini) */
    record Result(int position, String callId, String name, String text) {}

    /** An image: inline ({@code base64}) or by {@code url}. */
    record Img(String mediaType, String base64, String url) {}

    protected final ReceivedRequest request;
    protected final JsonNode body;

    /** Vendors may refuse a member named twice (RFC 8259 wants names unique), so the kit refuses it too. */
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    protected UpstreamView(ReceivedRequest request) {
        this.request = request;
        try {
            this.body = STRICT.readTree(request.body());
        } catch (IOException e) {
            throw new AssertionError("the upstream received a body that is not valid JSON: " + e.getMessage() + "\n"
                    + request.bodyText(), e);
        }
    }

    static UpstreamView of(ReceivedRequest r) {
        String path = r.path();
        if (path.equals("/v1/messages")) {
            return new AnthropicUpstream(r);
        }
        if (path.equals("/v1/chat/completions")) {
            return new ChatUpstream(r);
        }
        if (path.equals("/v1/responses")) {
            return new ResponsesUpstream(r);
        }
        if (path.startsWith("/v1beta/models/") || path.startsWith("/v1/models/")) {
            return new GeminiUpstream(r);
        }
        throw new AssertionError("the gateway called the upstream at an unexpected path: " + r.method() + " " + path);
    }

    abstract WireProtocol protocol();

    /** The upstream model the request names (body or path). */
    abstract String model();

    abstract boolean streamed();

    /** The system prompt, or null when there is none. */
    abstract String systemText();

    abstract List<Msg> conversation();

    abstract List<String> toolNames();

    /** The one tool the request forces, or null. */
    abstract String forcedTool();

    abstract List<Call> toolCalls();

    abstract List<Result> toolResults();

    abstract List<Img> images();

    abstract List<String> stopSequences();

    abstract Integer maxTokens();

    /** The thinking the request asks for, as {@code budget:<tokens>} or {@code effort:<level>}; null for none. */
    abstract String reasoning();

    /** How this protocol says "think a little" (effort low, or a budget of {@link KitRequest#REASONING_BUDGET}). */
    abstract String lowReasoning();

    /**
     * Each result with the call it answers, by the upstream's own rule: the same id, else (Gemini,
     * which has no ids) the oldest waiting call of the same name. A result that answers no call pairs
     * with null.
     */
    final List<Map.Entry<Call, Result>> pairs() {
        List<Call> waiting = new ArrayList<>(toolCalls());
        List<Map.Entry<Call, Result>> pairs = new ArrayList<>();
        for (Result r : toolResults()) {
            Call match = null;
            for (Call c : waiting) {
                if (r.callId() != null && r.callId().equals(c.id())) {
                    match = c;
                    break;
                }
            }
            if (match == null && r.name() != null) {
                match = waiting.stream().filter(c -> r.name().equals(c.name())).findFirst().orElse(null);
            }
            waiting.remove(match);
            pairs.add(new AbstractMap.SimpleEntry<>(match, r)); // Map.entry refuses the null of an unpaired result
        }
        return pairs;
    }

    @Override
    public String toString() {
        return protocol().id() + " " + request.path() + " " + request.bodyText();
    }
}
