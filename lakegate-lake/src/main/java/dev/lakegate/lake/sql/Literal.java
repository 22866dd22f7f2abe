package dev.lakegate.lake.sql;

import java.math.BigDecimal;
import java.util.List;

/**
 * A value in {@code INSERT … VALUES}. Strings, numbers, TRUE/FALSE, NULL, {@code array(…)},
 * {@code map(k, v, …)}, {@code named_struct('a', v, …)} and positional {@code struct(…)}; {@code
 * DATE '…'}, {@code TIMESTAMP '…'} and {@code TIMESTAMP_NTZ '…'} read as strings. What a value
 * becomes depends on the target column, so conversion happens in {@code InsertValues.rowsFor}:
 * STRING→String, BIGINT→Long, INT→Integer, SMALLINT→Short, TINYINT→Byte, DOUBLE→Double,
 * FLOAT→Float, DECIMAL→BigDecimal (at the column's scale), BOOLEAN→Boolean, DATE→LocalDate,
 * TIMESTAMP→Instant (no zone means UTC), TIMESTAMP_NTZ→LocalDateTime, BINARY→byte[] (UTF-8 of the
 * string), ARRAY→List, MAP→Map (insertion order), STRUCT→List of field values in schema order.
 */
public sealed interface Literal {
  Pos pos();

  record Str(String value, Pos pos) implements Literal {}

  record Num(BigDecimal value, Pos pos) implements Literal {}

  record Bool(boolean value, Pos pos) implements Literal {}

  record Null(Pos pos) implements Literal {}

  record ArrayOf(List<Literal> elements, Pos pos) implements Literal {
    public ArrayOf { elements = List.copyOf(elements); }
  }

  record MapOf(List<Literal> keys, List<Literal> values, Pos pos) implements Literal {
    public MapOf {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }
  }

  /** {@code names} is empty for positional {@code struct(…)}, else parallel to {@code values}. */
  record StructOf(List<String> names, List<Literal> values, Pos pos) implements Literal {
    public StructOf {
      names = List.copyOf(names);
      values = List.copyOf(values);
    }
  }
}
