package dev.lakegate.server.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;

/**
 * An upstream answer whose headers have arrived; the body streams from {@link #body()}.
 * Closing it before the body ends cancels the upstream call.
 */
public record UpstreamResponse(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        body.close();
    }
}
