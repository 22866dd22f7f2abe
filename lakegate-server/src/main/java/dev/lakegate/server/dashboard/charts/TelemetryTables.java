package dev.lakegate.server.dashboard.charts;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.server.lake.Lake;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The OTel tables the Coding agents page reads, named by {@code dashboard.telemetry_tables}
 * ({@code catalog.schema.prefix} → {@code <prefix>_otel_metrics}, {@code _logs}, {@code _spans}).
 */
public record TelemetryTables(String prefix, TableName metrics, TableName logs, TableName spans) {
    /** The owner of an OTel row: the principal the receiver stamped on it (see {@code docs/otel-mapping.md}). */
    public static final String OWNER = "resource.attributes['lakegate.principal']";
    // Plain identifiers only: the names are put into the rendered statements as they are.
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

    /** @throws IllegalArgumentException not {@code catalog.schema.prefix} of lower-case letters, digits and {@code _} */
    public static TelemetryTables of(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("dashboard.telemetry_tables: '" + prefix
                    + "' is not catalog.schema.prefix in lower-case letters, digits and _ (e.g. main.telemetry.agents)");
        }
        return new TelemetryTables(prefix, TableName.parse(prefix + "_otel_metrics"), TableName.parse(prefix + "_otel_logs"),
                TableName.parse(prefix + "_otel_spans"));
    }

    public List<TableName> all() {
        return List.of(metrics, logs, spans);
    }

    /**
     * Every principal reads these tables, each only the rows stamped with their name (admins all), through
     * the dashboard and any SQL. By name, so tables created after the start are covered too.
     */
    public void shareRows(Lake lake) {
        all().forEach(t -> lake.shareRows(t, OWNER));
    }
}
