package dev.lakegate.bench.otel;

import dev.lakegate.bench.lake.BenchUtil;
import dev.lakegate.lake.otel.OtlpSignal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * OTLP/HTTP protobuf export bodies shaped like Claude Code's (reference/agents/clients.md §1.7), each
 * holding {@link #ITEMS} data points or log records: one agent's resource (five attributes), its scope,
 * and for metrics {@code claude_code.*} sums (delta, monotonic, {@code as_double}) whose points carry
 * six attributes; for logs {@code api_request} events with twelve attributes. Users, sessions, models
 * and values vary between bodies (reproducible from the seed), as in {@code bench/lake/MetricRows}.
 */
public final class ExportBodies {
    public static final int ITEMS = 500;

    private static final String[] METRICS = {"claude_code.token.usage", "claude_code.cost.usage",
        "claude_code.lines_of_code.count", "claude_code.active_time.total"};
    private static final String[] UNITS = {"tokens", "USD", "count", "s"};
    private static final String[] MODELS = {"claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5", "gpt-5"};
    private static final String[] TYPES = {"input", "output", "cacheRead", "cacheCreation"};
    private static final String[] TERMINALS = {"vscode", "iTerm.app", "tmux", "cursor"};
    private static final long T0 = 1_764_000_000_000_000_000L;

    private ExportBodies() {}

    /** {@code count} different bodies of {@code signal} (metrics or logs). */
    public static List<byte[]> pool(OtlpSignal signal, int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(switch (signal) {
                case METRICS -> metrics(random, i).toByteArray();
                case LOGS -> logs(random, i).toByteArray();
                case TRACES -> throw new IllegalArgumentException("the benchmark sends metrics and logs only");
            });
        }
        return bodies;
    }

    private static ExportMetricsServiceRequest metrics(Random random, int body) {
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("com.anthropic.claude_code").setVersion("2.1.197"));
        int perMetric = ITEMS / METRICS.length;
        for (int m = 0; m < METRICS.length; m++) {
            Sum.Builder sum = Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .setIsMonotonic(true);
            for (int p = 0; p < perMetric; p++) {
                int user = random.nextInt(200);
                long time = T0 + (body * (long) ITEMS + m * perMetric + p) * 1_000_000L;
                sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(time - 60_000_000_000L).setTimeUnixNano(time)
                        .setAsDouble(random.nextDouble() * 5000)
                        .addAttributes(attr("user.id", "u-" + Integer.toHexString(0x5f3759df * (user + 1))))
                        .addAttributes(attr("session.id", BenchUtil.sessionId(user, random.nextInt(10))))
                        .addAttributes(attr("organization.id", "org-" + user % 7))
                        .addAttributes(attr("terminal.type", TERMINALS[user % TERMINALS.length]))
                        .addAttributes(attr("model", MODELS[random.nextInt(MODELS.length)]))
                        .addAttributes(attr("type", TYPES[random.nextInt(TYPES.length)])));
            }
            scope.addMetrics(Metric.newBuilder().setName(METRICS[m]).setDescription("Counter of " + METRICS[m]).setUnit(UNITS[m])
                    .setSum(sum));
        }
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource(body)).addScopeMetrics(scope)).build();
    }

    private static ExportLogsServiceRequest logs(Random random, int body) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("com.anthropic.claude_code.events").setVersion("2.1.197"));
        for (int r = 0; r < ITEMS; r++) {
            int user = random.nextInt(200);
            long time = T0 + (body * (long) ITEMS + r) * 1_000_000L;
            int input = random.nextInt(50_000);
            int output = random.nextInt(2_000);
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(time).setObservedTimeUnixNano(time + 1_000_000)
                    .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
                    .addAttributes(attr("event.name", "api_request"))
                    .addAttributes(attr("event.timestamp", Instant.ofEpochSecond(0, time).toString()))
                    .addAttributes(intAttr("event.sequence", r))
                    .addAttributes(attr("session.id", BenchUtil.sessionId(user, random.nextInt(10))))
                    .addAttributes(attr("user.id", "u-" + Integer.toHexString(0x5f3759df * (user + 1))))
                    .addAttributes(attr("terminal.type", TERMINALS[user % TERMINALS.length]))
                    .addAttributes(attr("model", MODELS[random.nextInt(MODELS.length)]))
                    .addAttributes(intAttr("input_tokens", input))
                    .addAttributes(intAttr("output_tokens", output))
                    .addAttributes(KeyValue.newBuilder().setKey("cost_usd")
                            .setValue(AnyValue.newBuilder().setDoubleValue(input * 3e-6 + output * 15e-6)))
                    .addAttributes(intAttr("duration_ms", 300 + random.nextInt(30_000)))
                    .addAttributes(attr("request_id", "req_" + Long.toHexString(random.nextLong()))));
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource(body)).addScopeLogs(scope)).build();
    }

    /** One agent process: Claude Code's five resource attributes. */
    private static Resource resource(int body) {
        int i = body % 16;
        return Resource.newBuilder()
                .addAttributes(attr("service.name", "claude-code"))
                .addAttributes(attr("service.version", "2.0." + (10 + i % 4)))
                .addAttributes(attr("os.type", i % 3 == 0 ? "linux" : "darwin"))
                .addAttributes(attr("os.version", "24." + i % 6 + ".0"))
                .addAttributes(attr("host.arch", i % 2 == 0 ? "arm64" : "amd64"))
                .build();
    }

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue intAttr(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
