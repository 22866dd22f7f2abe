package dev.lakegate.lake.sql;

import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/** Lays VALUES rows out in schema order: listed columns get their values, the others NULL. */
final class InsertRows {
  private InsertRows() {}

  static List<List<Object>> rows(Statement.InsertValues insert, StructType schema) {
    int[] target = targets(insert.columns(), schema);
    List<List<Object>> rows = new ArrayList<>();
    for (Statement.InsertValues.Row row : insert.rows()) {
      if (row.values().size() != target.length) {
        throw new SqlParseException(row.pos(), "this row has " + row.values().size() + " values but "
            + target.length + (insert.columns().isEmpty() ? " columns are in the table" : " columns are listed"));
      }
      Object[] out = new Object[schema.length()];
      boolean[] given = new boolean[schema.length()];
      for (int i = 0; i < target.length; i++) {
        StructField f = schema.at(target[i]);
        out[target[i]] = Coercion.value(row.values().get(i), f.getDataType(), f.isNullable(), f.getName());
        given[target[i]] = true;
      }
      for (int i = 0; i < given.length; i++) {
        if (!given[i] && !schema.at(i).isNullable()) {
          throw new SqlParseException(row.pos(), "column '" + schema.at(i).getName() + "' is NOT NULL and needs a value");
        }
      }
      rows.add(Collections.unmodifiableList(Arrays.asList(out)));
    }
    return rows;
  }

  private static int[] targets(List<Statement.Ident> columns, StructType schema) {
    if (columns.isEmpty()) return IntStream.range(0, schema.length()).toArray();
    int[] target = new int[columns.size()];
    for (int i = 0; i < target.length; i++) {
      Statement.Ident col = columns.get(i);
      int index = Coercion.indexOf(schema, col.name());
      if (index < 0) {
        throw new SqlParseException(col.pos(), "column '" + col.name() + "' is not in the table; it has "
            + String.join(", ", schema.fieldNames()));
      }
      target[i] = index;
    }
    return target;
  }
}
