package dev.lakegate.lake.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/** DuckDB JDBC values → the JSON-friendly values documented on {@link QueryResult}. */
final class JsonValues {
  private JsonValues() {}

  static Object of(Object v) throws SQLException {
    return switch (v) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Integer n -> n;
      case Long n -> n;
      case Short n -> n.intValue();
      case Byte n -> n.intValue();
      case BigInteger n -> n;
      case BigDecimal n -> n;
      case Double d -> d.isNaN() || d.isInfinite() ? d.toString() : d;
      case Float f -> f.isNaN() || f.isInfinite() ? f.toString() : f;
      // TIMESTAMPTZ: nested values come in the JVM's zone, top-level ones in DuckDB's; both are instants.
      case OffsetDateTime t -> DateTimeFormatter.ISO_INSTANT.format(t.toInstant());
      // TIMESTAMP (no zone): the driver builds these from the wall-clock fields.
      case Timestamp t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.toLocalDateTime());
      case LocalDateTime t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
      case LocalDate d -> d.toString();
      case java.sql.Date d -> d.toLocalDate().toString();
      case byte[] b -> Base64.getEncoder().encodeToString(b);
      case Blob b -> Base64.getEncoder().encodeToString(b.getBytes(1, Math.toIntExact(b.length())));
      case Array a -> list((Object[]) a.getArray());
      case DuckDBStruct s -> map(s.getMap());
      case Struct s -> list(s.getAttributes());
      case Map<?, ?> m -> map(m);
      default -> v.toString(); // UUID, INTERVAL, TIME, ENUM…
    };
  }

  private static List<Object> list(Object[] values) throws SQLException {
    List<Object> out = new ArrayList<>(values.length);
    for (Object e : values) out.add(of(e));
    return out;
  }

  private static Map<String, Object> map(Map<?, ?> m) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(of(e.getKey())), of(e.getValue()));
    return out;
  }
}
