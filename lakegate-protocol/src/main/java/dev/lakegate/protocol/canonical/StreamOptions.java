package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.Framing;
import java.util.Objects;

/**
 * What the client asked of a stream beyond the protocol itself.
 *
 * @param framing SSE, or Gemini's JSON array ({@code streamGenerateContent} without {@code alt=sse})
 * @param includeUsage OpenAI Chat's {@code stream_options.include_usage}: a final usage chunk is
 *     sent only when asked for; the other protocols always report usage
 */
public record StreamOptions(Framing framing, boolean includeUsage) {

    public static final StreamOptions SSE = new StreamOptions(Framing.SSE, false);

    public StreamOptions {
        Objects.requireNonNull(framing, "framing");
        if (framing == Framing.JSON) {
            throw new IllegalArgumentException("A stream is framed as SSE or JSON_ARRAY, not JSON");
        }
    }
}
