package dev.lakegate.e2e.agents;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback forwarder in front of the gateway's OTLP receiver that notes how each export arrived
 * (media type, content coding, exporter, size, the gateway's status). The gateway keeps no record of
 * accepted exports, and rows look the same whichever encoding carried them, so this is how a test
 * knows what an agent really sent rather than what it was configured to send. Bodies and the headers
 * the receiver reads pass through unchanged.
 */
final class OtlpTap implements AutoCloseable {
    private static final List<String> FORWARDED = List.of("authorization", "x-databricks-uc-table-name", "content-type",
            "content-encoding");

    /** One export as it crossed the tap. */
    record Export(String path, String contentType, String contentEncoding, String userAgent, boolean chunked, int bytes, int status) {}

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI gateway;
    private final List<Export> exports = new CopyOnWriteArrayList<>();

    private OtlpTap(URI gateway) throws IOException {
        this.gateway = gateway;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static OtlpTap start(URI gateway) throws IOException {
        return new OtlpTap(gateway);
    }

    /** {@code http://127.0.0.1:port}: use it in place of the gateway's origin in the exporter's endpoint URLs. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Export> exports() {
        return List.copyOf(exports);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(exchange.getRequestURI().getRawPath()))
                    .timeout(Duration.ofSeconds(30)).method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : FORWARDED) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            exports.add(new Export(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("content-type"),
                    exchange.getRequestHeaders().getFirst("content-encoding"), exchange.getRequestHeaders().getFirst("user-agent"),
                    "chunked".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("transfer-encoding")), body.length,
                    answer.statusCode()));
            answer.headers().firstValue("content-type").ifPresent(v -> exchange.getResponseHeaders().set("content-type", v));
            answer.headers().firstValue("retry-after").ifPresent(v -> exchange.getResponseHeaders().set("retry-after", v));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
