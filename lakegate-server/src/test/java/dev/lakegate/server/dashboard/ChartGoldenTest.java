package dev.lakegate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.dashboard.charts.Chart;
import dev.lakegate.server.dashboard.charts.ChartCatalogue;
import dev.lakegate.server.dashboard.charts.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every chart's statement as rendered for one request (7 days, a tool and a model filter), against
 * its golden file: a template change shows up as a reviewed diff of the SQL users see under "View
 * SQL". {@code -Dlakegate.golden.update=true} rewrites the files.
 */
class ChartGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/dev/lakegate/server/dashboard/golden");
    static final Params PARAMS = Params.parse(Map.of("range", List.of("7d"), "tool", List.of("claude-code"), "model", List.of("gpt-5")),
            Instant.parse("2026-11-28T05:43:21.5Z"), true);

    static List<Chart> charts() {
        return ChartCatalogue.load().all();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void theRenderedStatementIsTheGoldenOne(Chart chart) throws IOException {
        Map<String, String> fragments = Map.of("metrics", "main.telemetry.agents_otel_metrics", "logs", "main.telemetry.agents_otel_logs",
                "budgets", "SELECT * FROM (VALUES ('team', 'GROUP', 'eng', CAST(['alice'] AS VARCHAR[]), TIMESTAMP '2026-11-28 00:00:00', 25.0))"
                        + " AS v(name, scope, subject, members, since, limit_usd)");
        String sql = PARAMS.render(chart.template(), chart.source(), fragments) + "\n";
        Path file = GOLDEN.resolve(chart.id() + ".sql");
        if (Boolean.getBoolean("lakegate.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, sql);
        }
        assertThat(sql).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
