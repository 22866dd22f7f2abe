package dev.lakegate.protocol.error;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * An error response ready for the wire.
 *
 * @param headers extra response headers (lower-case names), e.g. {@code retry-after}; never null
 */
public record RenderedError(int status, String contentType, byte[] body, Map<String, String> headers) {

    public RenderedError {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(headers, "headers");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
