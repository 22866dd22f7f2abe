package dev.lakegate.server.provider;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Calls upstream providers over pooled HTTP connections (java.net.http: HTTP/2 over TLS,
 * HTTP/1.1 in clear). Blocks the calling virtual thread until the response headers arrive or the
 * provider's first-byte timeout passes; transport failures become gateway errors that say which
 * provider failed and how.
 */
public final class UpstreamClient implements AutoCloseable {
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** One pool per connect timeout: java.net.http sets that timeout per client, not per request. */
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /** @param firstByteTimeout time allowed until the response headers arrive (the destination's, else the provider's) */
    public UpstreamResponse send(Provider provider, Duration firstByteTimeout, URI uri, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(firstByteTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if ("http".equals(uri.getScheme())) {
            request.version(HttpClient.Version.HTTP_1_1);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = client(provider.connectTimeout()).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new UpstreamResponse(response.statusCode(), response.headers(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw failure(ErrorCategory.UPSTREAM_UNAVAILABLE, provider, "did not accept a connection within " + provider.connectTimeout().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            throw failure(ErrorCategory.TIMEOUT, provider, "sent no response within " + firstByteTimeout.toMillis() + " ms");
        } catch (ConnectException e) {
            throw failure(ErrorCategory.UPSTREAM_UNAVAILABLE, provider, "refused the connection");
        } catch (IOException e) {
            throw failure(ErrorCategory.UPSTREAM_ERROR, provider, "failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ErrorCategory.UPSTREAM_ERROR, provider, "call was interrupted");
        }
    }

    private static GatewayException failure(ErrorCategory category, Provider provider, String what) {
        return new GatewayException(GatewayError.of(category, "Upstream provider '" + provider.name() + "' " + what));
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder()
                .connectTimeout(t)
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
        executor.close();
    }
}
