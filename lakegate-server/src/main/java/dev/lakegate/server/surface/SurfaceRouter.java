package dev.lakegate.server.surface;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import java.util.Optional;

/**
 * Maps {@code METHOD /path} to a surface operation (SPEC §1). Returns empty for paths outside the
 * agent surfaces; throws a {@link GatewayException} (404/405/426) for a wrong path or method inside one.
 */
public final class SurfaceRouter {

    private SurfaceRouter() {}

    /** The surface a path belongs to, if any, so even unmatched paths get the right error shape. */
    public static Optional<Surface> surfaceOf(String path) {
        for (Surface s : Surface.values()) {
            String p = "/" + s.prefix();
            if (path.equals(p) || path.startsWith(p + "/")) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Optional<SurfaceRoute> match(String method, String path, String altParam, boolean websocketUpgrade) {
        Optional<Surface> surface = surfaceOf(path);
        if (surface.isEmpty()) {
            return Optional.empty();
        }
        Surface s = surface.get();
        String rest = path.substring(s.prefix().length() + 1);
        return Optional.of(switch (s) {
            case ANTHROPIC -> anthropic(method, rest);
            case OPENAI, CODEX, CURSOR -> openai(s, method, rest, websocketUpgrade);
            case GEMINI -> gemini(method, rest, altParam);
        });
    }

    private static SurfaceRoute anthropic(String method, String rest) {
        return switch (rest) {
            case "/v1/messages" -> post(method, Surface.ANTHROPIC, Operation.MESSAGES);
            case "/v1/messages/count_tokens" -> post(method, Surface.ANTHROPIC, Operation.MESSAGES_COUNT_TOKENS);
            case "/v1/models" -> get(method, Surface.ANTHROPIC, Operation.LIST_MODELS);
            default -> throw notFound(rest);
        };
    }

    private static SurfaceRoute openai(Surface s, String method, String rest, boolean websocketUpgrade) {
        return switch (rest) {
            case "/v1/responses" -> {
                if (websocketUpgrade) {
                    // Codex tries the Responses WebSocket transport first; 426 makes it fall back to HTTP at once.
                    throw new GatewayException(GatewayError.of(ErrorCategory.INVALID_REQUEST,
                            "WebSocket transport is not served here; use HTTP POST /responses").withStatus(426));
                }
                yield post(method, s, Operation.RESPONSES);
            }
            case "/v1/chat/completions" -> post(method, s, Operation.CHAT_COMPLETIONS);
            case "/v1/models" -> get(method, s, Operation.LIST_MODELS);
            default -> throw notFound(rest);
        };
    }

    private static SurfaceRoute gemini(String method, String rest, String alt) {
        String version;
        if (rest.startsWith("/v1beta/")) {
            version = "v1beta";
        } else if (rest.startsWith("/v1/")) {
            version = "v1";
        } else {
            throw notFound(rest);
        }
        String tail = rest.substring(version.length() + 2);
        if (tail.equals("models")) {
            requireMethod(method, "GET");
            return new SurfaceRoute(Surface.GEMINI, Operation.LIST_MODELS, null, version, null);
        }
        int colon = tail.lastIndexOf(':');
        if (!tail.startsWith("models/") || colon < 0 || colon == "models/".length()) {
            throw notFound(rest);
        }
        String model = tail.substring("models/".length(), colon);
        Operation op = switch (tail.substring(colon + 1)) {
            case "generateContent" -> Operation.GENERATE_CONTENT;
            case "streamGenerateContent" -> Operation.STREAM_GENERATE_CONTENT;
            case "countTokens" -> Operation.COUNT_TOKENS;
            default -> throw notFound(rest);
        };
        requireMethod(method, "POST");
        Framing framing = op == Operation.STREAM_GENERATE_CONTENT ? ("sse".equals(alt) ? Framing.SSE : Framing.JSON_ARRAY) : Framing.JSON;
        return new SurfaceRoute(Surface.GEMINI, op, model, version, framing);
    }

    private static SurfaceRoute post(String method, Surface s, Operation op) {
        requireMethod(method, "POST");
        return new SurfaceRoute(s, op, null, null, null);
    }

    private static SurfaceRoute get(String method, Surface s, Operation op) {
        requireMethod(method, "GET");
        return new SurfaceRoute(s, op, null, null, null);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new GatewayException(GatewayError.of(ErrorCategory.METHOD_NOT_ALLOWED,
                    "Method " + method + " is not allowed here; use " + expected));
        }
    }

    private static GatewayException notFound(String rest) {
        return new GatewayException(ErrorCategory.NOT_FOUND, "No such route: " + rest);
    }
}
