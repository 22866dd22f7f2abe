package dev.lakegate.server.dashboard.charts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's charts (note 019), each one named SQL template loaded from the jar
 * ({@code dev/lakegate/server/dashboard/charts/<id>.sql}). Telemetry templates share the CTEs
 * {@code m} (metric sums) and {@code l} (log events), kept once in {@code agents._m.sql} and
 * {@code agents._l.sql} and put in at {@code /*m*}{@code /} and {@code /*l*}{@code /}.
 */
public final class ChartCatalogue {
    private static final String RESOURCES = "/dev/lakegate/server/dashboard/charts/";

    private final Map<String, Chart> charts = new LinkedHashMap<>();
    private final String filtersTemplate = resource("filters");

    private ChartCatalogue() {}

    public static ChartCatalogue load() {
        ChartCatalogue c = new ChartCatalogue();
        c.usage("overview.kpis", "Totals", "kpis");
        c.usage("overview.requests", "Requests", "stacked-bar");
        c.usage("overview.tokens", "Tokens", "stacked-area");
        c.usage("overview.spend", "Spend (USD)", "stacked-bar");
        c.usage("overview.active_users", "Active users", "line");
        c.usage("overview.error_rate", "Error rate", "line");
        c.usage("overview.by_tool", "By tool", "pie");
        c.usage("usage.spend_by_model", "Spend by model (USD)", "stacked-area");
        c.usage("usage.by_user", "By user", "table");
        c.usage("usage.top_users", "Top users by spend", "bar");
        c.usage("usage.by_endpoint", "By endpoint", "table");
        c.usage("usage.by_model", "By model", "table");
        c.usage("usage.cache_hit", "Cache hit rate by tool", "bar");
        c.usage("usage.budgets", "Budgets: spend in the current window", "budget-bar");
        c.usage("perf.latency", "Latency (ms)", "lines");
        c.usage("perf.ttfb", "Time to first byte, streaming (ms)", "lines");
        c.usage("perf.latency_by_model", "Latency by model (ms)", "bar");
        c.usage("perf.errors_by_status", "Errors by status", "stacked-bar");
        c.usage("perf.error_types", "Error types", "table");
        c.usage("perf.refusals", "Refusals (rate limit, budget)", "stacked-bar");
        c.usage("perf.fallbacks", "Fallbacks", "bar-line");
        c.telemetry("agents.kpis_by_tool", "By tool", "table");
        c.telemetry("agents.by_user", "By user", "table");
        c.telemetry("agents.sessions", "Sessions", "stacked-bar");
        c.telemetry("agents.lines", "Lines added / removed", "diverging-bar");
        c.telemetry("agents.edit_decisions", "Edit decisions", "stacked-bar");
        c.telemetry("agents.cost_by_model", "Cost by model (USD)", "stacked-bar");
        c.telemetry("agents.tokens_by_model", "Tokens by model", "stacked-bar");
        return c;
    }

    public List<Chart> all() {
        return List.copyOf(charts.values());
    }

    /** The statement of the filter menus' values: rows (filter, value), filter in tool, endpoint, model, user. */
    public String filtersTemplate() {
        return filtersTemplate;
    }

    public Optional<Chart> find(String id) {
        return Optional.ofNullable(charts.get(id));
    }

    private void usage(String id, String title, String kind) {
        add(id, title, Source.USAGE, kind, resource(id));
    }

    private void telemetry(String id, String title, String kind) {
        String template = resource(id).replace("/*m*/", resource("agents._m").strip()).replace("/*l*/", resource("agents._l").strip());
        add(id, title, Source.TELEMETRY, kind, template);
    }

    private void add(String id, String title, Source source, String kind, String template) {
        charts.put(id, new Chart(id, id.substring(0, id.indexOf('.')), title, source, kind, template));
    }

    /** A template, without the trailing newline and {@code --} comment lines (notes for maintainers, not for "View SQL"). */
    static String resource(String name) {
        String path = RESOURCES + name + ".sql";
        try (InputStream in = ChartCatalogue.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("--"))
                    .reduce((a, b) -> a + "\n" + b).orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
