package dev.lakegate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.dashboard.charts.Params;
import dev.lakegate.server.dashboard.charts.Source;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    static final Instant NOW = Instant.parse("2026-11-28T05:43:21.5Z");

    @Test
    void relativeRangesEndAtTheMinuteAndPickTheirGrain() {
        Params day = parse(true, "range", "24h");
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-28T05:43:00Z"));
        assertThat(day.from()).isEqualTo(Instant.parse("2026-11-27T05:43:00Z"));
        assertThat(day.grain()).isEqualTo("hour");
        assertThat(parse(true).from()).as("7d by default").isEqualTo(Instant.parse("2026-11-21T05:43:00Z"));
        assertThat(parse(true).grain()).isEqualTo("day");
        assertThat(parse(true, "range", "90d").from()).isEqualTo(Instant.parse("2026-08-30T05:43:00Z"));
    }

    @Test
    void absoluteRangesTakeInstantsOrWholeUtcDays() {
        Params days = parse(true, "from", "2026-11-01", "to", "2026-11-02");
        assertThat(days.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(days.to()).as("through the to day").isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(days.grain()).isEqualTo("hour");
        Params instants = parse(true, "from", "2026-01-01T00:00:00Z", "to", "2027-02-05T00:00:00Z");
        assertThat(instants.grain()).isEqualTo("day");
    }

    @Test
    void badValuesNameTheirParameter() {
        assertBad("range", "must be one of 24h, 7d, 30d, 90d", "range", "1w");
        assertBad("range", "either range or from and to", "range", "7d", "from", "2026-11-01", "to", "2026-11-02");
        assertBad("to", "go together", "from", "2026-11-01");
        assertBad("from", "ISO instant", "from", "yesterday", "to", "2026-11-02");
        assertBad("to", "after from", "from", "2026-11-02T00:00:00Z", "to", "2026-11-02T00:00:00Z");
        assertBad("to", "400 days", "from", "2025-01-01", "to", "2026-02-05");
        assertBad("model", "longer than 200", "model", "m".repeat(201));
        assertBad("tool", "NUL", "tool", "a\0b");
        Map<String, List<String>> twice = new HashMap<>(Map.of("tool", List.of("a", "b")));
        assertThatThrownBy(() -> Params.parse(twice, NOW, true)).hasMessageContaining("'tool' is given more than once");
    }

    @Test
    void theUserFilterIsAdminsOnlyAndEndpointDoesNotApplyToTelemetry() {
        assertThat(parse(false, "user", "alice", "tool", "codex-cli").filters()).containsExactly(Map.entry("tool", "codex-cli"));
        Params p = parse(true, "user", "alice", "endpoint", "e", "model", "m", "tool", "");
        assertThat(p.render("WHERE true /*filters*/", Source.USAGE, Map.of()))
                .isEqualTo("WHERE true AND requester = 'alice' AND endpoint_name = 'e' AND destination_model = 'm'");
        assertThat(p.render("WHERE true /*filters*/", Source.TELEMETRY, Map.of()))
                .isEqualTo("WHERE true AND principal = 'alice' AND model = 'm'");
    }

    @Test
    void placeholdersAreFilledInOnePassSoValuesAreNeverReadAsPlaceholders() {
        Params p = parse(true, "range", "24h", "tool", "':to /*filters*/ :grain");
        String sql = p.render("SELECT :from, :to, :grain, :bucket_us, x::INT FROM t WHERE true /*filters*/ /*budgets*/", Source.USAGE,
                Map.of("budgets", "AND b"));
        assertThat(sql).isEqualTo("SELECT TIMESTAMP '2026-11-27 05:43:00', TIMESTAMP '2026-11-28 05:43:00', 'hour', 3600000000, "
                + "x::INT FROM t WHERE true AND tool = ''':to /*filters*/ :grain' AND b");
        assertThatThrownBy(() -> p.render("FROM x /*budgets*/", Source.TELEMETRY, Map.of())).isInstanceOf(IllegalStateException.class);
    }

    private static Params parse(boolean admin, String... pairs) {
        Map<String, List<String>> query = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], List.of(pairs[i + 1]));
        }
        return Params.parse(query, NOW, admin);
    }

    private static void assertBad(String parameter, String problem, String... pairs) {
        assertThatThrownBy(() -> parse(true, pairs)).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).error().status()).isEqualTo(400))
                .hasMessageContaining("'" + parameter + "'").hasMessageContaining(problem);
    }
}
