package dev.lakegate.server.dashboard.charts;

import java.util.Map;

/**
 * What a chart reads, and the expression each dashboard filter compares in its templates. The
 * telemetry columns are those of the templates' {@code m}/{@code l} CTEs over {@link AgentRollup}'s
 * table; a filter a source has no column for (endpoint on telemetry) does not apply.
 */
public enum Source {
    USAGE(Map.of("tool", "tool", "user", "requester", "endpoint", "endpoint_name", "model", "destination_model")),
    TELEMETRY(Map.of("tool", "tool", "user", "principal", "model", "model"));

    private final Map<String, String> filterColumns;

    Source(Map<String, String> filterColumns) {
        this.filterColumns = filterColumns;
    }

    /** The expression the {@code filter} (tool, user, endpoint, model) compares, if this source has one. */
    String column(String filter) {
        return filterColumns.get(filter);
    }
}
