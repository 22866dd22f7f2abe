package dev.lakegate.server.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.server.testing.GatewayProcess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash proof of OTLP ingestion with real gateway processes ({@code lakegate serve}): exporters send
 * gauge points with unique ids while the gateway is killed with SIGKILL at random moments, round
 * after round, on the same data directory. Afterwards the Delta table holds every point that was
 * acknowledged with a 200 exactly once, and no point twice. {@code -Dotlpkill.seed} repeats a run.
 */
class OtlpKillTest {
    private static final String TABLE = "main.telemetry.kill_otel_metrics";
    private static final int ROUNDS = 5;
    private static final int SENDERS = 4;
    private static final int POINTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String admin = "kill-admin-" + System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedPointIsStoredExactlyOnce(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("otlpkill.seed", System.nanoTime());
        System.out.println("OtlpKillTest seed " + seed);
        Random random = new Random(seed);
        int port = GatewayProcess.freePort();
        Path config = dir.resolve("lakegate.yaml");
        Files.writeString(config, "server: {host: 127.0.0.1, port: " + port + "}\nlake: {commit_interval_ms: 200}\n");
        Path data = dir.resolve("data");

        GatewayProcess gateway = start(config, data, port);
        sql(port, "CREATE CATALOG main");
        sql(port, "CREATE SCHEMA main.telemetry");
        sql(port, OtelTableDdl.forTable("metrics", "main", "telemetry", "kill"));

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong nextId = new AtomicLong();
        for (int round = 1; round <= ROUNDS; round++) {
            if (round > 1) {
                gateway = start(config, data, port);
            }
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                senders.add(Thread.ofPlatform().start(() -> send(port, nextId, acknowledged)));
            }
            Thread.sleep(300 + random.nextInt(1200));
            gateway.kill(); // SIGKILL
            for (Thread t : senders) {
                t.join();
            }
            System.out.println("OtlpKillTest round " + round + ": " + acknowledged.size() + " points acknowledged so far, "
                    + nextId.get() + " sent");
        }

        gateway = start(config, data, port); // replays what the last crash left
        String location = JSON.readTree(get(port, "/api/2.1/unity-catalog/tables/" + TABLE)).path("storage_location").asText();
        assertThat(gateway.stop(Duration.ofSeconds(60))).as("a graceful stop commits what the log holds").isTrue();

        Map<Long, Integer> stored = new HashMap<>();
        for (Row row : new DeltaTables().open(location).read()) {
            Row gauge = (Row) row.get(4);
            @SuppressWarnings("unchecked")
            Map<String, String> attributes = (Map<String, String>) gauge.get(4);
            stored.merge(Long.parseLong(attributes.get("id")), 1, Integer::sum);
        }
        assertThat(acknowledged).as("points acknowledged across the rounds").hasSizeGreaterThan(ROUNDS * POINTS);
        assertThat(stored.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("points stored twice").isEmpty();
        assertThat(acknowledged.stream().filter(id -> !stored.containsKey(id)).sorted().limit(20).toList())
                .as("acknowledged points missing from the table").isEmpty();
    }

    /** Sends exports of {@link #POINTS} fresh ids until the gateway stops answering. */
    private void send(int port, AtomicLong nextId, Set<Long> acknowledged) {
        while (true) {
            long first = nextId.getAndAdd(POINTS);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/2.0/otel/v1/metrics"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/x-protobuf").header("X-Databricks-UC-Table-Name", TABLE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(export(first).toByteArray())).build();
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    for (long id = first; id < first + POINTS; id++) {
                        acknowledged.add(id);
                    }
                } else if (r.statusCode() != 503) {
                    throw new AssertionError("unexpected " + r.statusCode() + ": " + new String(r.body()));
                }
            } catch (IOException e) {
                return; // killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ExportMetricsServiceRequest export(long first) {
        Gauge.Builder gauge = Gauge.newBuilder();
        for (long id = first; id < first + POINTS; id++) {
            gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(id).setAsInt(id)
                    .addAttributes(KeyValue.newBuilder().setKey("id").setValue(AnyValue.newBuilder().setStringValue(Long.toString(id)))));
        }
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(
                ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("kill.test").setGauge(gauge)))).build();
    }

    private GatewayProcess start(Path config, Path data, int port) throws Exception {
        return GatewayProcess.start(config, data, port, Map.of("LAKEGATE_ADMIN_TOKEN", admin));
    }

    private void sql(int port, String statement) throws Exception {
        String body = JSON.createObjectNode().put("statement", statement).toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/2.0/sql/statements"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("status").path("state").asText()).as(statement + " → " + r.body()).isEqualTo("SUCCEEDED");
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

}
