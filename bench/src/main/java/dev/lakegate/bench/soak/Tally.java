package dev.lakegate.bench.soak;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The clients' outcomes by kind ({@code stream.ok}, {@code unary.http-500}, {@code otlp.io}, …): what each
 * client saw, counted as it happened, with the first message of each failing kind for the report.
 */
final class Tally {
    static final String OK = "ok";

    private final ConcurrentMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> firstMessage = new ConcurrentHashMap<>();

    void ok(String client) {
        add(client + "." + OK);
    }

    /** A failure of {@code client} of kind {@code kind} (e.g. {@code http-500}, {@code truncated}), with what was seen. */
    void failed(String client, String kind, String message) {
        String key = client + "." + kind;
        add(key);
        firstMessage.putIfAbsent(key, message);
    }

    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    Map<String, String> firstMessages() {
        return new TreeMap<>(firstMessage);
    }

    private void add(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
}
