package dev.lakegate.server.http;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reads request bodies whole, refusing those over the configured limit without reading them all. */
public final class RequestBodies {
    private RequestBodies() {}

    public static byte[] read(Request request, long limit) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge(declared, limit);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared >= 0) {
                // The usual case: read into an array of the declared size, not through growing buffers.
                byte[] body = new byte[(int) declared];
                int n = in.readNBytes(body, 0, body.length);
                if (n < body.length) {
                    throw new EOFException("request body ended after " + n + " of " + declared + " bytes");
                }
                return body;
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(-1, limit);
            }
            return body;
        }
    }

    private static GatewayException tooLarge(long size, long limit) {
        return new GatewayException(ErrorCategory.REQUEST_TOO_LARGE, "Request body" + (size >= 0 ? " of " + size + " bytes" : "")
                + " exceeds the gateway's limit of " + limit + " bytes (server.max_request_bytes)");
    }
}
