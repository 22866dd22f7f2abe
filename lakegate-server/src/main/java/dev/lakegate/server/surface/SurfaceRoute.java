package dev.lakegate.server.surface;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;

/**
 * A request matched to a surface and operation.
 *
 * @param pathModel the model named in the URL (Gemini), else null: the body names it
 * @param geminiApiVersion {@code v1beta} or {@code v1} for Gemini routes, else null
 * @param geminiFraming the stream framing Gemini asked for ({@code ?alt=sse} → SSE, else a JSON array)
 */
public record SurfaceRoute(Surface surface, Operation operation, String pathModel, String geminiApiVersion, Framing geminiFraming) {

    /** The protocol errors are rendered in: the operation's, else the surface's. */
    public WireProtocol errorProtocol() {
        return operation.protocol() != null ? operation.protocol() : surface.errorProtocol();
    }

    /** {@code api_type} of the usage table, e.g. {@code anthropic/v1/messages} or {@code gemini/streamGenerateContent}. */
    public String apiType() {
        return surface.prefix() + "/" + operation.apiPath();
    }
}
