package dev.lakegate.server.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lakegate.lake.otel.Otlp;
import dev.lakegate.lake.otel.OtlpEncoding;
import dev.lakegate.lake.otel.OtlpSignal;
import dev.lakegate.server.cli.DemoConfig;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.testing.TestGateway;
import dev.lakegate.server.usage.PriceTable;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class DemoDataTest {
    private static final Instant NOW = Instant.parse("2026-11-27T16:30:00Z"); // a Friday afternoon
    private static final long SEED = 7;

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static <T> List<T> all(Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        assertThat(all(DemoData.usageRecords(SEED, 2_000, NOW))).isEqualTo(all(DemoData.usageRecords(SEED, 2_000, NOW)));
        assertThat(all(DemoData.usageRecords(SEED + 1, 2_000, NOW))).isNotEqualTo(all(DemoData.usageRecords(SEED, 2_000, NOW)));
        assertThat(all(DemoData.telemetry(SEED, 3_000, NOW))).isEqualTo(all(DemoData.telemetry(SEED, 3_000, NOW)));
    }

    @Test
    void requestsFollowTheToolSharesErrorRatesAndTheWeek() {
        List<RequestRecord> records = all(DemoData.usageRecords(SEED, 20_000, NOW));
        assertThat(records).hasSize(20_000);
        Map<String, Long> tools = records.stream().collect(Collectors.groupingBy(r -> r.agent().tool(), Collectors.counting()));
        Map<String, Double> expected = Map.of("claude-code", 0.45, "codex-cli", 0.25, "gemini-cli", 0.15, "cursor", 0.10, "sdk", 0.05);
        assertThat(tools.keySet()).isEqualTo(expected.keySet());
        expected.forEach((tool, share) -> assertThat(tools.get(tool) / 20_000.0).as(tool).isCloseTo(share, within(0.015)));

        Map<String, Long> errors = records.stream().filter(r -> r.errorType() != null)
                .collect(Collectors.groupingBy(r -> r.statusCode() + " " + r.errorType(), Collectors.counting()));
        assertThat(errors.keySet()).containsExactlyInAnyOrder("429 RATE_LIMITED", "403 BUDGET_EXCEEDED", "502 UPSTREAM_ERROR",
                "499 CLIENT_DISCONNECTED");
        assertThat(errors.values().stream().mapToLong(Long::longValue).sum() / 20_000.0).isCloseTo(0.03, within(0.005));
        long fallbacks = records.stream().filter(r -> r.attempts().size() == 2).count();
        assertThat(fallbacks / 20_000.0).isCloseTo(0.02, within(0.005));
        records.stream().filter(r -> r.attempts().size() == 2).forEach(r -> {
            assertThat(r.attempts().get(0).statusCode()).isEqualTo(529);
            assertThat(r.attempts().get(1).statusCode()).isEqualTo(200);
            assertThat(r.errorType()).isNull();
        });
        // refusals reach no destination and record no attempt, as the gateway's refusals do
        records.stream().filter(r -> r.statusCode() == 429 || r.statusCode() == 403).forEach(r -> {
            assertThat(r.attempts()).isEmpty();
            assertThat(r.destinationProvider()).isNull();
            assertThat(r.costUsd()).isNull();
        });

        assertThat(records).allSatisfy(r -> assertThat(r.eventTime()).isBetween(NOW.minus(Duration.ofDays(7)), NOW));
        long weekend = records.stream().filter(r -> weekend(r.eventTime())).count();
        long night = records.stream().filter(r -> r.eventTime().atZone(ZoneOffset.UTC).getHour() < 6).count();
        assertThat(weekend / 20_000.0).as("2 of 7 days, at a fifth of the activity").isLessThan(0.12);
        assertThat(night / 20_000.0).as("a quarter of the day, nearly idle").isLessThan(0.08);
        assertThat(records.stream().map(RequestRecord::requester).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(DemoData.USERS);
    }

    private static boolean weekend(Instant t) {
        DayOfWeek d = t.atZone(ZoneOffset.UTC).getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    @Test
    void costsAreWhatThePricingCodeGivesForTheDemoEndpointsModels() {
        for (RequestRecord r : all(DemoData.usageRecords(SEED, 5_000, NOW))) {
            if (r.destinationModel() == null) {
                continue;
            }
            assertThat(r.destinationModel()).isEqualTo(DemoConfig.SCRIPTED_ENDPOINTS.get(r.endpointName()));
            assertThat(r.costUsd()).isEqualTo(PriceTable.defaults().find(r.destinationModel()).orElseThrow().cost(r.usage()));
            assertThat(r.attempts().getLast().destination()).isEqualTo("scripted/" + r.destinationModel());
        }
    }

    @Test
    void sessionsAreSharedByUsageAndTelemetry() {
        Set<String> usageSessions = new HashSet<>();
        DemoData.usageRecords(SEED, 20_000, NOW).forEachRemaining(r -> {
            if (r.agent().sessionId() != null) {
                usageSessions.add(r.agent().sessionId());
            }
        });
        Set<String> telemetrySessions = new HashSet<>();
        DemoData.telemetry(SEED, 10_000, NOW).forEachRemaining(e -> {
            if (e instanceof DemoData.Export.Metrics m) {
                m.request().getResourceMetricsList().forEach(rm -> rm.getScopeMetrics(0).getMetrics(0).getSum().getDataPoints(0)
                        .getAttributesList().stream().filter(kv -> kv.getKey().equals("session.id"))
                        .forEach(kv -> telemetrySessions.add(kv.getValue().getStringValue())));
            }
        });
        assertThat(telemetrySessions).isNotEmpty();
        long shared = telemetrySessions.stream().filter(usageSessions::contains).count();
        assertThat((double) shared / telemetrySessions.size()).as("telemetry sessions seen in the usage rows").isGreaterThan(0.8);
    }

    @Test
    void writesReadableRowsOnceAndEveryTelemetryRowNamesItsPrincipal() {
        Lake lake = gateway.gateway().lake();
        Caller admin = DemoPeople.admin(gateway.gateway());
        DemoData.Written written = DemoData.write(lake, admin, SEED, 3_000, 5_000, NOW);
        assertThat(written.usageRows()).isEqualTo(3_000);
        assertThat(written.telemetryRows()).isEqualTo(5_000);

        double cost = 0;
        for (RequestRecord r : all(DemoData.usageRecords(SEED, 3_000, NOW))) {
            cost += r.costUsd() == null ? 0 : r.costUsd();
        }
        List<Object> usage = row(lake, admin, "SELECT count(*), sum(cost_usd), count(DISTINCT requester), count_if(error_type IS NOT NULL) "
                + "FROM system.ai_gateway.usage");
        assertThat(((Number) usage.get(0)).longValue()).isEqualTo(3_000);
        assertThat(((Number) usage.get(1)).doubleValue()).isCloseTo(cost, within(1e-6));
        assertThat(((Number) usage.get(2)).longValue()).isEqualTo(12);

        Map<String, Double> tokenSums = expectedSums(DemoData.telemetry(SEED, 5_000, NOW));
        String t = DemoData.TELEMETRY_TABLES;
        List<Object> metrics = row(lake, admin, "SELECT count(*), count_if(resource.attributes['lakegate.principal'] IS NULL), "
                + "sum(sum.value) FILTER (WHERE name = 'claude_code.token.usage'), sum(sum.value) FILTER (WHERE name = 'gemini_cli.token.usage'), "
                + "count(DISTINCT resource.attributes['service.name']) FROM " + t + "_otel_metrics");
        List<Object> logs = row(lake, admin, "SELECT count(*), count_if(resource.attributes['lakegate.principal'] IS NULL), "
                + "count_if(event_name = 'api_request'), count_if(event_name = 'codex.api_request') FROM " + t + "_otel_logs");
        assertThat(((Number) metrics.get(0)).longValue() + ((Number) logs.get(0)).longValue()).isEqualTo(5_000);
        assertThat(((Number) metrics.get(0)).longValue()).isEqualTo(written.metricRows());
        assertThat(((Number) metrics.get(1)).longValue()).isZero();
        assertThat(((Number) logs.get(1)).longValue()).isZero();
        assertThat(((Number) metrics.get(2)).doubleValue()).isEqualTo(tokenSums.get("claude_code.token.usage"));
        assertThat(((Number) metrics.get(3)).doubleValue()).isEqualTo(tokenSums.get("gemini_cli.token.usage"));
        assertThat(((Number) metrics.get(4)).longValue()).isEqualTo(2); // claude-code and gemini-cli export metrics; codex events only
        assertThat(((Number) logs.get(2)).longValue()).isPositive();
        assertThat(((Number) logs.get(3)).longValue()).isPositive();

        // A restart finds rows in the usage table and writes nothing.
        assertThat(DemoData.write(lake, admin, SEED, 3_000, 5_000, NOW)).isEqualTo(new DemoData.Written(0, 0, 0));
        assertThat(((Number) row(lake, admin, "SELECT count(*) FROM system.ai_gateway.usage").get(0)).longValue()).isEqualTo(3_000);
    }

    @Test
    void createsThePeopleOnceThroughTheServices() {
        DemoPeople.create(gateway.gateway());
        DemoPeople.create(gateway.gateway());
        var governance = gateway.gateway().governance();
        for (String user : DemoData.USERS) {
            assertThat(governance.principals().findByName(user)).get().satisfies(p -> assertThat(p.admin()).isEqualTo(DemoData.ADMINS.contains(user)));
        }
        assertThat(governance.groups().members(governance.groups().findByName("mobile").orElseThrow()))
                .extracting(p -> p.name()).containsExactlyInAnyOrderElementsOf(DemoData.GROUPS.get("mobile"));
        assertThat(gateway.gateway().budgets().list()).filteredOn(b -> b.budget().name().equals(DemoPeople.BUDGET)).hasSize(1);
        assertThat(governance.aiGateway().stored().get(DemoPeople.LIMITED_ENDPOINT, null).rateLimits()).hasSize(1);
    }

    /** Writes the benchmark's 1M + 1M rows and prints how long that took (-Dlakegate.demo.big=true). */
    @Test
    @EnabledIfSystemProperty(named = "lakegate.demo.big", matches = "true")
    void writesAMillionRowsOfEach() throws Exception {
        try (TestGateway big = TestGateway.start()) {
            Caller admin = DemoPeople.admin(big.gateway());
            long start = System.nanoTime();
            DemoData.Written written = DemoData.write(big.gateway().lake(), admin, SEED, 1_000_000, 1_000_000, Instant.now());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("DemoData 1,000,000 usage + 1,000,000 telemetry rows (%,d metric, %,d log) written in %.1f s%n",
                    written.metricRows(), written.logRows(), seconds);
            assertThat(written.usageRows()).isEqualTo(1_000_000);
            assertThat(written.telemetryRows()).isEqualTo(1_000_000);
            assertThat(((Number) row(big.gateway().lake(), admin, "SELECT count(*) FROM system.ai_gateway.usage").get(0)).longValue())
                    .isEqualTo(1_000_000);
        }
    }

    private static List<Object> row(Lake lake, Caller admin, String sql) {
        return lake.service().execute(sql, admin).rows().getFirst();
    }

    /** Sum of each metric's values over the exports, computed from the OTLP requests themselves. */
    private static Map<String, Double> expectedSums(Iterator<DemoData.Export> exports) {
        Map<String, Double> sums = new HashMap<>();
        exports.forEachRemaining(e -> {
            if (e instanceof DemoData.Export.Metrics m) {
                m.request().getResourceMetricsList().forEach(rm -> {
                    assertThat(rm.getResource().getAttributesList()).extracting(KeyValue::getKey).contains("lakegate.principal", "service.name");
                    for (Metric metric : rm.getScopeMetrics(0).getMetricsList()) {
                        metric.getSum().getDataPointsList().forEach(p -> sums.merge(metric.getName(), p.getAsDouble(), Double::sum));
                    }
                });
                // the rows the receiver would store: one per data point
                assertThat(Otlp.decode(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, m.request().toByteArray()).rejected()).isZero();
            }
        });
        return sums;
    }
}
