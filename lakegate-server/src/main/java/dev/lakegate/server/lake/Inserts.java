package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.query.QueryResult;
import dev.lakegate.lake.query.SqlEngine;
import dev.lakegate.lake.sql.Statement;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * INSERT INTO … VALUES | SELECT: the caller needs MODIFY on the table (plus the USE privileges),
 * and SELECT on whatever the query reads. All rows of one statement are one Delta commit.
 */
final class Inserts {
    private final Catalog catalog;
    private final DeltaTables delta;
    private final Queries queries;
    private final SqlEngine engine;
    private final Appender appender;

    /** @param engine runs the SELECT of INSERT … SELECT; its row limit bounds one statement */
    Inserts(Catalog catalog, DeltaTables delta, Queries queries, SqlEngine engine, Appender appender) {
        this.catalog = catalog;
        this.delta = delta;
        this.queries = queries;
        this.engine = engine;
        this.appender = appender;
    }

    StatementResult values(Statement.InsertValues insert, Access access) {
        TableInfo table = target(insert.table(), access);
        List<Row> rows = insert.rowsFor(table.columns()).stream().map(r -> LiteralRows.row(r, table.columns())).toList();
        return StatementResult.inserted(appender.append(delta.open(table.location()), table.name(), rows));
    }

    StatementResult select(Statement.InsertSelect insert, Access access) {
        TableInfo table = target(insert.table(), access);
        StructType schema = table.columns();
        int[] targets = Columns.targets(insert.columns(), schema);
        QueryResult result = queries.run(engine, insert.query(), access);
        if (result.truncated()) {
            throw LakeErrors.invalid("INSERT … SELECT writes at most " + Lake.INSERT_SELECT_ROWS + " rows per statement; "
                    + "split it with WHERE or LIMIT/OFFSET");
        }
        if (result.columns().size() != targets.length) {
            throw LakeErrors.invalid("INSERT INTO " + table.name() + ": the query returns " + result.columns().size()
                    + " columns but " + targets.length + " are expected (" + Columns.names(schema, targets) + ")");
        }
        List<Row> rows = new ArrayList<>(result.rows().size());
        for (List<Object> r : result.rows()) {
            Object[] out = new Object[schema.length()];
            for (int i = 0; i < targets.length; i++) {
                StructField f = schema.at(targets[i]);
                boolean text = result.columns().get(i).typeName().equals("STRING");
                out[targets[i]] = QueryValues.convert(r.get(i), f.getDataType(), f.getName(), text);
            }
            rows.add(Row.of(out));
        }
        return StatementResult.inserted(appender.append(delta.open(table.location()), table.name(), rows));
    }

    /** The Delta table {@code name}: 404 when there is none, 400 when it is a view (views take no rows). */
    static TableInfo writable(Catalog catalog, TableName name) {
        return catalog.getTable(name).orElseThrow(() -> catalog.getView(name).isPresent()
                ? LakeErrors.invalid(name + " is a view; only tables take rows") : LakeErrors.notFound(name));
    }

    private TableInfo target(TableName name, Access access) {
        TableInfo table = writable(catalog, name);
        access.requireWritable(name);
        access.requireWithUse(Privilege.MODIFY, name);
        return table;
    }
}
