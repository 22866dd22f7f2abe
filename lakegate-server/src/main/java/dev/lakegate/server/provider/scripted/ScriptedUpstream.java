package dev.lakegate.server.provider.scripted;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The built-in stand-in LLM: a small HTTP server on 127.0.0.1 speaking the Anthropic Messages,
 * OpenAI Chat Completions and Responses, and Gemini APIs exactly as the vendors do, at its root.
 * It answers from queued {@link Script}s (FIFO, optionally per model), scripts written inline in the
 * prompt after {@code lakegate-script:}, or a default echo; and it records every request with the
 * outcome of its answer, so tests can see what the gateway sent and whether it hung up.
 *
 * <p>Control over HTTP: {@code POST /__scripted/scripts} (a script or an array of scripts as JSON),
 * {@code GET /__scripted/requests} (the log; control calls are not logged).
 */
public final class ScriptedUpstream implements AutoCloseable {
    /** The model names {@code GET …/models} lists unless {@link #setModels} says otherwise. */
    public static final List<String> DEFAULT_MODELS = List.of(VendorCall.UNNAMED_MODEL);

    private final RequestLog log = new RequestLog();
    private final ScriptQueue queue = new ScriptQueue();
    private final Server server;
    private volatile List<String> models = DEFAULT_MODELS;

    private ScriptedUpstream(int port) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("lakegate-scripted");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ScriptedHandler(log, queue, new Responder(queue, () -> models)));
    }

    /** Starts the scripted model on 127.0.0.1 at {@code port} (0 picks a free one). */
    public static ScriptedUpstream start(int port) {
        ScriptedUpstream upstream = new ScriptedUpstream(port);
        try {
            upstream.server.start();
        } catch (Exception e) {
            upstream.close();
            throw new IllegalStateException("Cannot start the scripted model on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return upstream;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Where the vendor APIs live, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Queues a script; the next request whose model it matches takes it. */
    public void enqueue(Script script) {
        queue.add(script);
    }

    /** Scripts not yet taken. */
    public int pendingScripts() {
        return queue.size();
    }

    public void clearScripts() {
        queue.clear();
    }

    public void setModels(List<String> names) {
        models = List.copyOf(names);
    }

    /** Every request received so far, in arrival order. */
    public List<ReceivedRequest> requests() {
        return log.requests();
    }

    /**
     * Waits until the {@code count}-th request has arrived and returns it.
     *
     * @throws AssertionError when it does not arrive in time
     */
    public ReceivedRequest awaitRequest(int count, Duration timeout) throws InterruptedException {
        return log.awaitRequest(count, timeout);
    }

    /**
     * Waits until the answer to {@code request} has ended and tells how.
     *
     * @throws AssertionError when it has not ended in time
     */
    public Outcome awaitOutcome(ReceivedRequest request, Duration timeout) throws InterruptedException {
        return log.awaitOutcome(request, timeout);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the scripted model: " + e.getMessage(), e);
        }
    }
}
