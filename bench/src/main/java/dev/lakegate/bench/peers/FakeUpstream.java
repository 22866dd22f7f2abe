package dev.lakegate.bench.peers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The model every peer of the peers benchmark talks to: {@code POST …/chat/completions} (OpenAI Chat)
 * and {@code POST …/messages} (Anthropic Messages) at any path prefix, unary or streamed by the body's
 * {@code "stream":true}, with {@link Wire}'s canned answers. Under {@code /paced/} a stream sends
 * {@link Wire#PACED_EVENTS} events {@link Wire#PACE_MS} ms apart (a path prefix, because gateways rewrite
 * bodies and drop unknown headers). Non-blocking throughout (handled on Jetty's selector thread when
 * the body is already read; paced frames written from one timer thread), so it is never the slowest hop.
 *
 * <p>Usage: {@code java -cp lakegate-bench.jar dev.lakegate.bench.peers.FakeUpstream PORT}; prints
 * {@code listening PORT} once it accepts connections (port 0 picks one).
 */
public final class FakeUpstream extends Handler.Abstract.NonBlocking {
    private static final String JSON = "application/json";
    private static final String SSE = "text/event-stream; charset=utf-8";
    private static final byte[] NOT_FOUND = "{\"error\":{\"message\":\"fake upstream: unknown path\",\"type\":\"invalid_request_error\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pacer").factory());

    public static void main(String[] args) throws Exception {
        Server server = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("listening " + port(server));
        System.out.flush();
        server.join();
    }

    /** Starts the fake upstream on 127.0.0.1 at {@code port} (0 picks a free one). */
    static Server start(int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("fake-upstream");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(4096); // 1,000 paced streams connect within half a second
        server.addConnector(connector);
        server.setHandler(new FakeUpstream());
        server.start();
        return server;
    }

    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean chat = path.endsWith("/chat/completions");
        if (!chat && !path.endsWith("/messages")) {
            write(response, callback, 404, JSON, NOT_FOUND);
            return true;
        }
        boolean paced = path.startsWith("/paced/");
        Content.Source.asByteBufferAsync(request).whenComplete((body, failure) -> {
            if (failure != null) {
                callback.failed(failure);
            } else if (!streamed(body)) {
                write(response, callback, 200, JSON, chat ? Wire.CHAT_UNARY : Wire.MESSAGES_UNARY);
            } else {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, SSE);
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                List<byte[]> frames = paced ? (chat ? Wire.CHAT_PACED : Wire.MESSAGES_PACED) : (chat ? Wire.CHAT_STREAM : Wire.MESSAGES_STREAM);
                new Stream(response, callback, frames, paced ? System.nanoTime() : 0).next(0);
            }
        });
        return true;
    }

    private static void write(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** {@code "stream":true} anywhere in the body (both spacings clients use); the bodies here are small. */
    static boolean streamed(ByteBuffer body) {
        String s = StandardCharsets.UTF_8.decode(body).toString();
        return s.contains("\"stream\":true") || s.contains("\"stream\": true");
    }

    /** Writes the frames one after another, each once the previous is written; paced ones on the pacer's schedule. */
    private final class Stream {
        private final Response response;
        private final Callback done;
        private final List<byte[]> frames;
        private final long start;

        Stream(Response response, Callback done, List<byte[]> frames, long start) {
            this.response = response;
            this.done = done;
            this.frames = frames;
            this.start = start;
        }

        void next(int i) {
            boolean last = i == frames.size() - 1;
            Callback then = last ? done : Callback.from(() -> schedule(i + 1), done::failed);
            response.write(last, ByteBuffer.wrap(frames.get(i)), then);
        }

        /** Frame i of a paced stream is due {@code i × PACE_MS} after the first (absolute, so delays do not add up). */
        private void schedule(int i) {
            if (start == 0 || i >= Wire.PACED_EVENTS) {
                next(i);
                return;
            }
            long due = start + TimeUnit.MILLISECONDS.toNanos(Wire.PACE_MS) * i - System.nanoTime();
            pacer.schedule(() -> next(i), Math.max(0, due), TimeUnit.NANOSECONDS);
        }
    }
}
