package dev.lakegate.lake.query;

import dev.lakegate.lake.sql.SqlParseException;
import dev.lakegate.lake.sql.SqlParser;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spells a DuckDB result type the way Spark/Databricks does ({@code STRUCT(a BIGINT, b VARCHAR[])}
 * → {@code STRUCT<a: BIGINT, b: ARRAY<STRING>>}), so SQL API clients see the types of the tables'
 * DDL rather than DuckDB's. Types with no Spark counterpart become STRING, matching the value
 * mapping (their values are rendered as text).
 */
final class SparkTypes {
  private static final Map<String, String> PRIMITIVES = Map.ofEntries(
      Map.entry("VARCHAR", "STRING"), Map.entry("BIGINT", "BIGINT"), Map.entry("INTEGER", "INT"),
      Map.entry("SMALLINT", "SMALLINT"), Map.entry("TINYINT", "TINYINT"), Map.entry("DOUBLE", "DOUBLE"),
      Map.entry("FLOAT", "FLOAT"), Map.entry("BOOLEAN", "BOOLEAN"), Map.entry("DATE", "DATE"),
      Map.entry("TIMESTAMP WITH TIME ZONE", "TIMESTAMP"), Map.entry("TIMESTAMP", "TIMESTAMP_NTZ"),
      Map.entry("TIMESTAMP_S", "TIMESTAMP_NTZ"), Map.entry("TIMESTAMP_MS", "TIMESTAMP_NTZ"),
      Map.entry("TIMESTAMP_NS", "TIMESTAMP_NTZ"), Map.entry("BLOB", "BINARY"), Map.entry("INTERVAL", "INTERVAL"),
      Map.entry("HUGEINT", "DECIMAL(38,0)"), Map.entry("UHUGEINT", "DECIMAL(38,0)"),
      Map.entry("UBIGINT", "DECIMAL(20,0)"), Map.entry("UINTEGER", "BIGINT"), Map.entry("USMALLINT", "INT"),
      Map.entry("UTINYINT", "SMALLINT"), Map.entry("NULL", "VOID"));
  private static final Map<String, String> NAMES = Map.of("BIGINT", "LONG", "SMALLINT", "SHORT", "TINYINT", "BYTE",
      "VOID", "NULL");

  private final String s;
  private int i;

  private SparkTypes(String s) {
    this.s = s;
  }

  /** Spark type text for a DuckDB type. */
  static String text(String duckdbType) {
    try {
      return new SparkTypes(duckdbType).type();
    } catch (RuntimeException e) {
      return "STRING"; // a type spelling we do not know: values are rendered as text anyway
    }
  }

  /**
   * The Kernel type of a DuckDB type, through its Spark spelling; types Kernel has no counterpart
   * for (INTERVAL, NULL…) become STRING, as their values are rendered as text.
   */
  static DataType kernel(String duckdbType) {
    try {
      return SqlParser.parseType(text(duckdbType));
    } catch (SqlParseException e) {
      return StringType.STRING;
    }
  }

  /** The Databricks type name (LONG, INT, ARRAY, STRUCT…) of a Spark type text. */
  static String name(String sparkText) {
    int cut = sparkText.indexOf('<') >= 0 ? sparkText.indexOf('<') : sparkText.indexOf('(');
    String head = cut >= 0 ? sparkText.substring(0, cut) : sparkText;
    return NAMES.getOrDefault(head, head);
  }

  private String type() {
    skipSpaces();
    String base;
    if (keyword("STRUCT")) {
      List<String> fields = new ArrayList<>();
      do {
        skipSpaces();
        String name = fieldName();
        fields.add(quoteIfNeeded(name) + ": " + type());
        skipSpaces();
      } while (accept(','));
      expect(')');
      base = "STRUCT<" + String.join(", ", fields) + ">";
    } else if (keyword("MAP")) {
      String key = type();
      expect(',');
      String value = type();
      expect(')');
      base = "MAP<" + key + ", " + value + ">";
    } else {
      int start = i;
      int depth = 0;
      while (i < s.length() && (depth > 0 || (s.charAt(i) != '[' && s.charAt(i) != ',' && s.charAt(i) != ')'))) {
        if (s.charAt(i) == '(') depth++;
        if (s.charAt(i) == ')') depth--;
        i++;
      }
      String word = s.substring(start, i).trim().toUpperCase(Locale.ROOT);
      base = word.startsWith("DECIMAL(") ? word.replace(" ", "") : PRIMITIVES.getOrDefault(word, "STRING");
    }
    while (accept('[')) {
      while (s.charAt(i) != ']') i++; // fixed-size arrays (INTEGER[3]) are arrays too
      i++;
      base = "ARRAY<" + base + ">";
    }
    return base;
  }

  private boolean keyword(String word) {
    int save = i;
    if (s.regionMatches(true, i, word, 0, word.length())) {
      i += word.length();
      skipSpaces();
      if (accept('(')) return true;
    }
    i = save;
    return false;
  }

  private String fieldName() {
    if (accept('"')) {
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          if (i < s.length() && s.charAt(i) == '"') {
            b.append('"');
            i++;
          } else {
            return b.toString();
          }
        } else {
          b.append(c);
        }
      }
    }
    int start = i;
    while (!Character.isWhitespace(s.charAt(i))) i++;
    return s.substring(start, i);
  }

  private static String quoteIfNeeded(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name.replace("`", "``") + "`";
  }

  private void skipSpaces() {
    while (i < s.length() && s.charAt(i) == ' ') i++;
  }

  private boolean accept(char c) {
    skipSpaces();
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) throw new IllegalArgumentException("expected " + c + " at " + i + " in " + s);
  }
}
