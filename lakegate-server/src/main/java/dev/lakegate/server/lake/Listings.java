package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.ColumnTypes;
import dev.lakegate.lake.catalog.Relation;
import dev.lakegate.lake.catalog.SchemaInfo;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.ViewInfo;
import dev.lakegate.lake.sql.Statement;
import dev.lakegate.server.lake.StatementResult.Column;
import io.delta.kernel.types.StructField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SHOW and DESCRIBE as result sets with Databricks' columns. There is no current catalog or
 * schema: without {@code IN}, SHOW SCHEMAS and SHOW TABLES list everything visible and name the
 * container in full ({@code main.telemetry}). SHOW TABLES lists views too, as Databricks does.
 */
final class Listings {
    private static final Column IS_TEMPORARY = new Column("isTemporary", "BOOLEAN", "BOOLEAN");

    private Listings() {}

    static StatementResult catalogs(Browse b) {
        return strings(List.of("catalog"), b.catalogs().stream().map(c -> row(c.name().name())).toList());
    }

    static StatementResult schemas(Statement.ShowSchemas s, Browse b) {
        List<SchemaInfo> schemas = s.in().map(b::schemas).orElseGet(b::allSchemas);
        return strings(List.of("databaseName"), schemas.stream()
                .map(x -> row(s.in().isPresent() ? x.name().schema() : x.name().fullName())).toList());
    }

    static StatementResult tables(Statement.ShowTables s, Browse b) {
        List<Relation> tables = s.in().map(b::tables).orElseGet(b::allTables);
        List<List<Object>> rows = tables.stream().map(t -> row(
                s.in().isPresent() ? t.name().schema() : t.name().schemaName().fullName(), t.name().table(), false)).toList();
        return new StatementResult(List.of(Column.string("database"), Column.string("tableName"), IS_TEMPORARY), rows, false);
    }

    /** One row per column (col_name, data_type, comment); EXTENDED adds the table's or view's details below a blank row. */
    static StatementResult describe(Statement.Describe d, Browse b) {
        Relation t = b.table(d.table());
        List<List<Object>> rows = new ArrayList<>();
        for (StructField f : t.columns().fields()) {
            rows.add(row(f.getName(), ColumnTypes.typeText(f.getDataType()), ColumnTypes.comment(f).orElse(null)));
        }
        if (d.extended()) {
            rows.add(row("", "", ""));
            rows.add(row("# Detailed Table Information", "", ""));
            rows.add(row("Catalog", t.name().catalog(), ""));
            rows.add(row("Database", t.name().schema(), ""));
            rows.add(row("Table", t.name().table(), ""));
            rows.add(row("Created Time", t.createdAt().toString(), ""));
            rows.add(row("Owner", t.owner(), ""));
            rows.add(row("Type", t.tableType().name(), ""));
            t.comment().ifPresent(c -> rows.add(row("Comment", c, "")));
            switch (t) {
                case TableInfo table -> {
                    rows.add(row("Location", table.location(), ""));
                    rows.add(row("Provider", table.dataSourceFormat().name().toLowerCase(Locale.ROOT), ""));
                    rows.add(row("Table Properties", table.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(",", "[", "]")), ""));
                }
                case ViewInfo view -> rows.add(row("View Text", view.definition(), ""));
            }
        }
        return strings(List.of("col_name", "data_type", "comment"), rows);
    }

    /** A view has no properties. */
    static StatementResult properties(Statement.ShowTblProperties p, Browse b) {
        Map<String, String> properties = b.table(p.table()) instanceof TableInfo t ? t.properties() : Map.of();
        return strings(List.of("key", "value"), properties.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList());
    }

    private static StatementResult strings(List<String> names, List<List<Object>> rows) {
        return new StatementResult(names.stream().map(Column::string).toList(), rows, false);
    }

    /** A row that may hold nulls (List.of may not). */
    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
