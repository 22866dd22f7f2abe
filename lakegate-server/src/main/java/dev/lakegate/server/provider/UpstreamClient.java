package dev.lakegate.server.provider;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.observe.RequestClock;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Calls upstream providers over pooled HTTP/1.1 connections ({@link Http1Client}). Blocks the calling
 * virtual thread until the response headers arrive or the provider's first-byte timeout passes;
 * transport failures become gateway errors that say which provider failed and how.
 */
public final class UpstreamClient implements AutoCloseable {
    private final Http1Client http = new Http1Client();

    /**
     * @param firstByteTimeout time allowed until the response headers arrive (the destination's, else the provider's)
     * @param clock counts the time spent waiting for the upstream, here and in each read of the answer's body
     */
    public UpstreamResponse send(Provider provider, Duration firstByteTimeout, URI uri, Map<String, String> headers, byte[] body,
            RequestClock clock) {
        long start = System.nanoTime();
        try {
            UpstreamResponse response = http.post(uri, headers, body, provider.connectTimeout(), firstByteTimeout, provider.streamIdleTimeout());
            return new UpstreamResponse(response.status(), response.headers(), timed(response.body(), clock));
        } catch (HttpConnectTimeoutException e) {
            throw failure(ErrorCategory.UPSTREAM_UNAVAILABLE, provider, "did not accept a connection within " + provider.connectTimeout().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            throw failure(ErrorCategory.TIMEOUT, provider, "sent no response within " + firstByteTimeout.toMillis() + " ms");
        } catch (ConnectException e) {
            throw failure(ErrorCategory.UPSTREAM_UNAVAILABLE, provider, "refused the connection");
        } catch (IOException e) {
            throw failure(ErrorCategory.UPSTREAM_ERROR, provider, "failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } finally {
            clock.upstream(System.nanoTime() - start);
        }
    }

    private static InputStream timed(InputStream body, RequestClock clock) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                long start = System.nanoTime();
                try {
                    return super.read();
                } finally {
                    clock.upstream(System.nanoTime() - start);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                long start = System.nanoTime();
                try {
                    return super.read(b, off, len);
                } finally {
                    clock.upstream(System.nanoTime() - start);
                }
            }
        };
    }

    private static GatewayException failure(ErrorCategory category, Provider provider, String what) {
        return new GatewayException(GatewayError.of(category, "Upstream provider '" + provider.name() + "' " + what));
    }

    @Override
    public void close() {
        http.close();
    }
}
