package dev.lakegate.lake.otel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A JDK HTTP server standing in for the gateway's OTLP/HTTP endpoint: keeps each request and
 * answers 200 with an empty {@code Export…ServiceResponse} from {@link Otlp#exportResponse}.
 */
final class OtlpReceiver implements AutoCloseable {
  /** One request as sent; {@link #body} is already gunzipped when the client compressed it. */
  record Request(String path, String contentType, String contentEncoding, byte[] body) {}

  private final HttpServer server;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/", this::handle);
    server.start();
  }

  String endpoint(OtlpSignal signal) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/" + signal.path();
  }

  Request take() throws InterruptedException {
    Request r = requests.poll(10, TimeUnit.SECONDS);
    if (r == null) throw new AssertionError("no request within 10 s");
    return r;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String contentEncoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    byte[] raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = in.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(path, contentType, contentEncoding, "gzip".equals(contentEncoding) ? gunzip(raw) : raw));
    OtlpSignal signal = OtlpSignal.ofPath(path.substring("/v1/".length())).orElseThrow();
    OtlpEncoding encoding = OtlpEncoding.ofContentType(contentType).orElseThrow();
    byte[] answer = Otlp.exportResponse(signal, encoding, 0, null);
    exchange.getResponseHeaders().set("Content-Type", encoding.contentType());
    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private static byte[] gunzip(byte[] gz) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
