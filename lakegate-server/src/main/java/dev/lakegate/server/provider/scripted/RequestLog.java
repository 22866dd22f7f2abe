package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.canonical.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Every request received, with the outcome of its answer once known. Thread-safe. */
final class RequestLog {
    private record Entry(ReceivedRequest request, CompletableFuture<Outcome> outcome) {}

    private final List<Entry> entries = new ArrayList<>();

    synchronized ReceivedRequest add(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        ReceivedRequest r = new ReceivedRequest(entries.size() + 1, method, path, query, headers, body, Instant.now());
        entries.add(new Entry(r, new CompletableFuture<>()));
        notifyAll();
        return r;
    }

    void complete(ReceivedRequest request, Outcome outcome) {
        entry(request).outcome().complete(outcome);
    }

    synchronized List<ReceivedRequest> requests() {
        return entries.stream().map(Entry::request).toList();
    }

    /** Waits until at least {@code count} requests arrived; returns the {@code count}-th. */
    synchronized ReceivedRequest awaitRequest(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (entries.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected " + count + " requests at the scripted model within " + timeout + ", got " + entries.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return entries.get(count - 1).request();
    }

    Outcome awaitOutcome(ReceivedRequest request, Duration timeout) throws InterruptedException {
        try {
            return entry(request).outcome().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Request #" + request.seq() + " " + request.path() + " had no outcome within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The log as {@code GET /__scripted/requests} shows it; bodies as text. */
    synchronized ArrayNode toJson() {
        ArrayNode all = Json.array();
        for (Entry e : entries) {
            ReceivedRequest r = e.request();
            ObjectNode n = all.addObject().put("seq", r.seq()).put("method", r.method()).put("path", r.path()).put("query", r.query());
            ObjectNode headers = n.putObject("headers");
            r.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            n.put("body", r.bodyText());
            n.put("time", r.time().toString());
            n.put("outcome", e.outcome().isDone() ? e.outcome().join().name() : null);
        }
        return all;
    }

    private synchronized Entry entry(ReceivedRequest request) {
        return entries.get((int) request.seq() - 1);
    }
}
