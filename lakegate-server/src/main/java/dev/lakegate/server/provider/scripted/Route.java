package dev.lakegate.server.provider.scripted;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which vendor operation a request addresses, from its method and path, laid out at the root as
 * the vendors lay them out ({@code /v1/messages}, {@code /v1/chat/completions}, {@code /v1/responses},
 * {@code /v1beta/models/{model}:generateContent}, …).
 *
 * @param pathModel the model named in a Gemini path, else null
 * @param framing Gemini's framing, from the operation and {@code alt=sse}; null for the others (read from the body)
 */
record Route(WireProtocol protocol, Kind kind, String pathModel, Framing framing) {
    enum Kind { GENERATE, COUNT_TOKENS, LIST_MODELS }

    private static final Pattern GEMINI = Pattern.compile("/(v1beta|v1)/models/([^/:]+):(generateContent|streamGenerateContent|countTokens)");

    /** The route, or null when the scripted model has none for this request. */
    static Route match(ReceivedRequest r) {
        String method = r.method();
        String path = r.path();
        if (method.equals("GET")) {
            if (path.equals("/v1beta/models") || path.equals("/v1/models") && isGemini(r)) {
                return new Route(WireProtocol.GEMINI, Kind.LIST_MODELS, null, null);
            }
            if (path.equals("/v1/models")) {
                // One path, two vendors: Anthropic clients always send anthropic-version.
                WireProtocol p = r.header("anthropic-version") != null ? WireProtocol.ANTHROPIC : WireProtocol.OPENAI_CHAT;
                return new Route(p, Kind.LIST_MODELS, null, null);
            }
            return null;
        }
        if (!method.equals("POST")) {
            return null;
        }
        return switch (path) {
            case "/v1/messages" -> new Route(WireProtocol.ANTHROPIC, Kind.GENERATE, null, null);
            case "/v1/messages/count_tokens" -> new Route(WireProtocol.ANTHROPIC, Kind.COUNT_TOKENS, null, null);
            case "/v1/chat/completions" -> new Route(WireProtocol.OPENAI_CHAT, Kind.GENERATE, null, null);
            case "/v1/responses" -> new Route(WireProtocol.OPENAI_RESPONSES, Kind.GENERATE, null, null);
            default -> gemini(r);
        };
    }

    private static Route gemini(ReceivedRequest r) {
        Matcher m = GEMINI.matcher(r.path());
        if (!m.matches()) {
            return null;
        }
        String model = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
        return switch (m.group(3)) {
            case "generateContent" -> new Route(WireProtocol.GEMINI, Kind.GENERATE, model, Framing.JSON);
            case "countTokens" -> new Route(WireProtocol.GEMINI, Kind.COUNT_TOKENS, model, null);
            default -> new Route(WireProtocol.GEMINI, Kind.GENERATE, model, hasQuery(r, "alt=sse") ? Framing.SSE : Framing.JSON_ARRAY);
        };
    }

    private static boolean isGemini(ReceivedRequest r) {
        return r.header("x-goog-api-key") != null || r.query() != null && r.query().contains("key=");
    }

    private static boolean hasQuery(ReceivedRequest r, String param) {
        return r.query() != null && Arrays.asList(r.query().split("&")).contains(param);
    }
}
