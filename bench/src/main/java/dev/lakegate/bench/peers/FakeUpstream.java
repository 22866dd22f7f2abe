package dev.lakegate.bench.peers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>{@link Faults} makes every n-th answer fail, for the soak test ({@code bench/run-soak.sh}); the count of each
 * kind injected is kept.
 *
 * <p>Usage: {@code java -cp lakegate-bench.jar dev.lakegate.bench.peers.FakeUpstream PORT}; prints
 * {@code listening PORT} once it accepts connections (port 0 picks one).
 */
public final class FakeUpstream extends Handler.Abstract.NonBlocking {
    private static final String JSON = "application/json";
    private static final String SSE = "text/event-stream; charset=utf-8";
    private static final byte[] NOT_FOUND = "{\"error\":{\"message\":\"fake upstream: unknown path\",\"type\":\"invalid_request_error\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERVER_ERROR = "{\"error\":{\"message\":\"fake upstream: injected fault\",\"type\":\"server_error\"}}"
            .getBytes(StandardCharsets.UTF_8);
    /** A reset stream breaks off after this many frames (its head is sent, so the fault is mid-stream). */
    private static final int RESET_AFTER_FRAMES = 5;

    /**
     * Every {@code every}-th request fails (0: none): a unary one with a 500, a streamed one alternately
     * with a 500 and with its connection reset after {@value #RESET_AFTER_FRAMES} frames.
     */
    public record Faults(int every) {
        public static final Faults NONE = new Faults(0);
    }

    private final Faults faults;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong injected500 = new AtomicLong();
    private final AtomicLong injectedResets = new AtomicLong();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pacer").factory());

    public static void main(String[] args) throws Exception {
        Server server = start(args.length > 0 ? Integer.parseInt(args[0]) : 0, new FakeUpstream(Faults.NONE));
        System.out.println("listening " + port(server));
        System.out.flush();
        server.join();
    }

    public FakeUpstream(Faults faults) {
        this.faults = faults;
    }

    /** Starts {@code handler} on 127.0.0.1 at {@code port} (0 picks a free one). */
    public static Server start(int port, FakeUpstream handler) throws Exception {
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
        server.setHandler(handler);
        server.start();
        return server;
    }

    public static int port(Server server) {
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
        long n = requests.incrementAndGet();
        boolean fault = faults.every() > 0 && n % faults.every() == 0;
        Content.Source.asByteBufferAsync(request).whenComplete((body, failure) -> {
            boolean stream = failure == null && streamed(body);
            if (failure != null) {
                callback.failed(failure);
            } else if (fault && (!stream || n / faults.every() % 2 == 0)) {
                injected500.incrementAndGet();
                write(response, callback, 500, JSON, SERVER_ERROR);
            } else if (!stream) {
                write(response, callback, 200, JSON, chat ? Wire.CHAT_UNARY : Wire.MESSAGES_UNARY);
            } else {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, SSE);
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                List<byte[]> frames = paced ? (chat ? Wire.CHAT_PACED : Wire.MESSAGES_PACED) : (chat ? Wire.CHAT_STREAM : Wire.MESSAGES_STREAM);
                if (fault) {
                    injectedResets.incrementAndGet();
                }
                new Stream(response, callback, frames, paced ? System.nanoTime() : 0, fault ? RESET_AFTER_FRAMES : -1).next(0);
            }
        });
        return true;
    }

    /** Answers injected as a 500 so far. */
    public long injected500() {
        return injected500.get();
    }

    /** Streams injected with a mid-stream reset so far. */
    public long injectedResets() {
        return injectedResets.get();
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
        private final int resetAt;

        /** @param resetAt the frame before which the connection is reset; -1 for none */
        Stream(Response response, Callback done, List<byte[]> frames, long start, int resetAt) {
            this.response = response;
            this.done = done;
            this.frames = frames;
            this.start = start;
            this.resetAt = resetAt;
        }

        void next(int i) {
            if (i == resetAt) {
                // Failing the callback of a committed response makes Jetty abort the connection: no terminal chunk.
                done.failed(new IOException("fake upstream: injected reset"));
                return;
            }
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
