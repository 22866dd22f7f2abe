package dev.lakegate.server.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * An upstream answer whose headers have arrived; the body streams from {@link #body()}.
 * Closing it before the body ends cancels the upstream call.
 */
public record UpstreamResponse(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {

    /** An answer the gateway makes itself where no upstream call is needed (a token estimate). */
    public static UpstreamResponse local(byte[] body, String header) {
        return new UpstreamResponse(200, HttpHeaders.of(Map.of(header, List.of("true")), (a, b) -> true), new ByteArrayInputStream(body));
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
