package dev.lakegate.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;

/**
 * Prometheus metrics of the gateway: requests and latency by surface, endpoint and status,
 * upstream errors by provider, and OTLP exports by signal. Fed as a request listener, so the hot path only enqueues.
 */
public final class GatewayMetrics implements RequestListener {
    /** The endpoint label of requests for a model no endpoint serves. */
    public static final String UNKNOWN_ENDPOINT = "unknown";
    /** Buckets of the overhead histogram in microseconds: fine below a millisecond, where a proxy hop's cost lies. */
    private static final Duration[] OVERHEAD_BUCKETS = LongStream.of(50, 100, 150, 200, 300, 500, 750, 1_000, 2_000, 5_000, 10_000,
            25_000, 50_000, 100_000, 250_000, 1_000_000).mapToObj(micros -> Duration.ofNanos(micros * 1_000)).toArray(Duration[]::new);

    private final Function<String, Optional<String>> endpointOf;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();

    /**
     * @param endpointOf the configured endpoint a requested name reaches (through an alias or a pattern),
     *     so labels stay as few as the endpoints whatever names agents send
     */
    public GatewayMetrics(Function<String, Optional<String>> endpointOf) {
        this.endpointOf = endpointOf;
    }

    /** The labels of one request's series; its meters are looked up once, not built per request. */
    private record SeriesKey(String apiType, String endpoint, int status, String tool) {}

    private record Series(Counter requests, Timer latency, Timer overhead, Counter inputTokens, Counter outputTokens) {}

    @Override
    public void requestEnd(RequestRecord r) {
        String endpoint = r.endpointName() == null ? "none" : endpointOf.apply(r.endpointName()).orElse(UNKNOWN_ENDPOINT);
        Series s = series.computeIfAbsent(new SeriesKey(r.apiType(), endpoint, r.statusCode(), r.agent().tool()), this::register);
        s.requests().increment();
        s.latency().record(Duration.ofMillis(r.latencyMs()));
        s.overhead().record(Duration.ofNanos(r.overheadMicros() * 1_000));
        s.inputTokens().increment(r.usage().inputTokens());
        s.outputTokens().increment(r.usage().outputTokens());
        if (r.destinationProvider() != null && r.errorType() != null && r.errorType().startsWith("UPSTREAM")) {
            Counter.builder("lakegate.upstream.errors").description("Failed upstream calls by provider and kind")
                    .tags("api_type", r.apiType(), "endpoint", endpoint, "provider", r.destinationProvider(), "error", r.errorType())
                    .register(registry).increment();
        }
    }

    private Series register(SeriesKey k) {
        return new Series(
                Counter.builder("lakegate.requests").description("Agent requests by surface operation, endpoint and status")
                        .tags("api_type", k.apiType(), "endpoint", k.endpoint(), "status", Integer.toString(k.status()), "tool", k.tool())
                        .register(registry),
                Timer.builder("lakegate.request.latency").description("Time from request to the end of the answer")
                        .tags("api_type", k.apiType(), "endpoint", k.endpoint())
                        .publishPercentileHistogram()
                        .register(registry),
                Timer.builder("lakegate.request.overhead").description("The gateway's own time per request: latency less the waits on the upstream")
                        .tags("api_type", k.apiType(), "endpoint", k.endpoint())
                        .serviceLevelObjectives(OVERHEAD_BUCKETS)
                        .register(registry),
                tokens(k.endpoint(), "input"),
                tokens(k.endpoint(), "output"));
    }

    private Counter tokens(String endpoint, String direction) {
        return Counter.builder("lakegate.tokens").description("Tokens by endpoint and direction")
                .tags("endpoint", endpoint, "direction", direction).register(registry);
    }

    /** One OTLP export answered with {@code status}: rows stored and items rejected (partial success). */
    public void otlpExport(String signal, int status, long rows, long rejected) {
        Counter.builder("lakegate.otlp.exports").description("OTLP export requests by signal and status")
                .tags("signal", signal, "status", Integer.toString(status)).register(registry).increment();
        Counter.builder("lakegate.otlp.rows").description("Rows written from OTLP exports by signal")
                .tags("signal", signal).register(registry).increment(rows);
        Counter.builder("lakegate.otlp.rejected").description("OTLP items left out as partial success by signal")
                .tags("signal", signal).register(registry).increment(rejected);
    }

    /**
     * Counts the rows of one of the gateway's own tables (usage, inference) that were lost: its recorder's queue
     * overflowed, or the log failed until shutdown. Registered now, so the counter shows 0 until it moves.
     */
    public LongConsumer droppedRows(String table) {
        Counter counter = Counter.builder("lakegate.table.rows.dropped").description("Rows of the gateway's own tables that could not be recorded")
                .tags("table", table).register(registry);
        return counter::increment;
    }

    /**
     * The rate-limit store (Redis) did not answer: {@code outcome} is what became of the request, {@code admitted}
     * or {@code refused} by {@code rate_limiting.on_redis_failure}, or {@code uncharged} for tokens not charged at its end.
     */
    public void rateLimitStoreFailure(String outcome) {
        Counter.builder("lakegate.ratelimit.store.failures").description("Rate-limit checks the bucket store (Redis) did not answer")
                .tags("outcome", outcome).register(registry).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
