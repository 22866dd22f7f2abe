package dev.lakegate.lake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.types.StructType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsertValuesTest {
  private static final StructType SCHEMA = SqlParser.parseColumns("""
      s STRING, l BIGINT NOT NULL, i INT, sh SMALLINT, b TINYINT, d DOUBLE, f FLOAT, ok BOOLEAN,
      dt DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, dec DECIMAL(6,2), bin BINARY,
      arr ARRAY<LONG>, m MAP<STRING, INT>, st STRUCT<a: INT, b: STRING NOT NULL>""");

  @Test
  void everyLiteralBecomesTheColumnsJavaType() {
    List<Object> row = rows("""
        INSERT INTO main.t.x VALUES ('s', -9000000000, 7, 300, -8, 1.5e3, 0.25, TRUE,
          DATE '2025-01-31', '2025-01-31 12:00:00', TIMESTAMP_NTZ '2025-01-31T12:00:01.5', 12.5, 'hi',
          array(1, 2, NULL), map('a', 1, 'b', NULL), named_struct('b', 'x', 'a', 3))""").getFirst();
    assertThat(row).containsExactly("s", -9_000_000_000L, 7, (short) 300, (byte) -8, 1500.0, 0.25f, true,
        LocalDate.of(2025, 1, 31), Instant.parse("2025-01-31T12:00:00Z"),
        LocalDateTime.of(2025, 1, 31, 12, 0, 1, 500_000_000), new BigDecimal("12.50"),
        "hi".getBytes(StandardCharsets.UTF_8), Arrays.asList(1L, 2L, null), mapOf("a", 1, "b", null),
        List.of(3, "x"));
  }

  @Test
  void columnListOrdersValuesAndLeavesTheRestNull() {
    List<List<Object>> rows = rows("INSERT INTO main.t.x (st, L) VALUES (struct(1, 'y'), 5), (NULL, 6)");
    assertThat(rows.get(0).get(1)).isEqualTo(5L);
    assertThat(rows.get(0).get(15)).isEqualTo(List.of(1, "y"));
    assertThat(rows.get(1).get(15)).isNull();
    assertThat(rows.get(1).get(0)).isNull();
    assertThat(rows).allMatch(r -> r.size() == SCHEMA.length());
  }

  @Test
  void timestampsWithOffsetsAndWithoutTime() {
    List<Object> row = rows("INSERT INTO main.t.x (l, ts, ntz) VALUES (1, '2025-01-31T12:00:00+02:00', '2025-01-31')").getFirst();
    assertThat(row.get(9)).isEqualTo(Instant.parse("2025-01-31T10:00:00Z"));
    assertThat(row.get(10)).isEqualTo(LocalDateTime.of(2025, 1, 31, 0, 0));
  }

  @Test
  void strictConversionsFailAtTheValue() {
    assertThat(error("INSERT INTO main.t.x (l) VALUES (1.5)"))
        .isEqualTo("line 1, column 34: 1.5 does not fit bigint column 'l'");
    assertThat(error("INSERT INTO main.t.x (l, i) VALUES (1, 3000000000)"))
        .isEqualTo("line 1, column 40: 3000000000 does not fit int column 'i'");
    assertThat(error("INSERT INTO main.t.x (l, dec) VALUES (1, 1.234)"))
        .isEqualTo("line 1, column 42: 1.234 does not fit decimal(6,2) column 'dec' without rounding");
    assertThat(error("INSERT INTO main.t.x (l, dec) VALUES (1, 12345)"))
        .isEqualTo("line 1, column 42: 12345 does not fit decimal(6,2) column 'dec' without rounding");
    assertThat(error("INSERT INTO main.t.x (l) VALUES ('abc')"))
        .isEqualTo("line 1, column 34: expected a bigint value for 'l' but found string 'abc'");
    assertThat(error("INSERT INTO main.t.x (l) VALUES (NULL)"))
        .isEqualTo("line 1, column 34: 'l' is NOT NULL");
    assertThat(error("INSERT INTO main.t.x (s) VALUES ('x')"))
        .isEqualTo("line 1, column 33: column 'l' is NOT NULL and needs a value");
    assertThat(error("INSERT INTO main.t.x (l, dt) VALUES (1, '31/01/2025')"))
        .isEqualTo("line 1, column 41: '31/01/2025' is not a valid date for 'dt'; write e.g. '2025-01-31' or '2025-01-31 12:00:00'");
    assertThat(error("INSERT INTO main.t.x (l, st) VALUES (1, named_struct('a', 1))"))
        .isEqualTo("line 1, column 41: field 'st.b' is NOT NULL");
    assertThat(error("INSERT INTO main.t.x (l, st) VALUES (1, named_struct('zz', 1))"))
        .isEqualTo("line 1, column 60: field 'zz' is not in struct<a:int,b:string>");
    assertThat(error("INSERT INTO main.t.x (l, m) VALUES (1, map('a', 1, 'a', 2))"))
        .isEqualTo("line 1, column 52: duplicate key a in map for 'm'");
    assertThat(error("INSERT INTO main.t.x (l, arr) VALUES (1, array('x'))"))
        .isEqualTo("line 1, column 48: expected a bigint value for 'arr[]' but found string 'x'");
    assertThat(error("INSERT INTO main.t.x (l, nope) VALUES (1, 2)"))
        .startsWith("line 1, column 26: column 'nope' is not in the table; it has s, l, i");
    assertThat(error("INSERT INTO main.t.x VALUES (1, 2)"))
        .isEqualTo("line 1, column 29: this row has 2 values but 16 columns are in the table");
  }

  private static List<List<Object>> rows(String sql) {
    return ((Statement.InsertValues) SqlParser.parse(sql)).rowsFor(SCHEMA);
  }

  private static String error(String sql) {
    try {
      rows(sql);
    } catch (SqlParseException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + sql);
  }

  private static Map<Object, Object> mapOf(Object... kv) {
    Map<Object, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }
}
