package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.Locations;
import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.TableName;
import io.delta.kernel.types.StructType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] c.s.t [(columns)] [USING DELTA] [LOCATION '…']
 * [TBLPROPERTIES (…)] [COMMENT '…']}, clauses in any order, each once. Without columns the table
 * must have a LOCATION (registering an existing Delta table). Formats other than Delta and
 * partitioning are refused: DuckDB reads our files directly and we keep them unpartitioned.
 */
final class CreateTableParser {
  private CreateTableParser() {}

  static Statement parse(Cursor c) {
    boolean ifNotExists = c.acceptIf(true);
    Token nameToken = c.peek();
    TableName name = Idents.table(c);
    StructType columns = new StructType();
    if (c.acceptSymbol('(')) {
      columns = new TypeParser(c).columns(')');
      c.expectSymbol(')', "to close the column list");
    }
    Optional<String> location = Optional.empty();
    Optional<String> comment = Optional.empty();
    Map<String, String> properties = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    while (true) {
      Token clause = c.peek();
      String key = clause.kind() == Token.Kind.WORD ? clause.upper() : "";
      switch (key) {
        case "USING", "LOCATION", "TBLPROPERTIES", "COMMENT" -> {
          if (!seen.add(key)) throw Cursor.fail(clause, key + " is given twice");
          c.next();
        }
        case "PARTITIONED", "CLUSTER", "CLUSTERED" -> throw Cursor.fail(clause, key
            + " BY is not supported: Lakegate tables are unpartitioned so DuckDB can read their files directly");
        case "OPTIONS", "AS", "ROW", "STORED" -> throw Cursor.fail(clause, key + " is not supported in CREATE TABLE");
        default -> { }
      }
      switch (key) {
        case "USING" -> {
          Token format = c.expectIdentifier("a table format after USING");
          if (!format.text().equalsIgnoreCase("DELTA")) {
            throw Cursor.fail(format, "only USING DELTA is supported, not '" + format.text() + "'");
          }
        }
        case "LOCATION" -> {
          Token loc = c.expectString("a location");
          Locations.problem(loc.text()).ifPresent(p -> { throw Cursor.fail(loc, p); });
          location = Optional.of(loc.text());
        }
        case "TBLPROPERTIES" -> properties(c, properties);
        case "COMMENT" -> comment = Optional.of(c.expectString("a comment").text());
        default -> {
          if (!c.atSymbol(';') && c.peek().kind() != Token.Kind.EOF) {
            throw c.expected("USING DELTA, LOCATION, TBLPROPERTIES, COMMENT or the end of the statement", "");
          }
          if (columns.length() == 0 && location.isEmpty()) {
            throw Cursor.fail(nameToken, "CREATE TABLE " + name + " needs a column list in parentheses "
                + "(or a LOCATION holding an existing Delta table)");
          }
          return new Statement.CreateTable(new NewTable(name, columns, location, properties, comment), ifNotExists);
        }
      }
    }
  }

  /** {@code ('key' = 'value', delta.appendOnly = true, …)}; values stored as text. */
  private static void properties(Cursor c, Map<String, String> into) {
    c.expectSymbol('(', "after TBLPROPERTIES");
    do {
      Token start = c.peek();
      String key = key(c);
      c.acceptSymbol('=');
      Token value = c.peek();
      String text = switch (value.kind()) {
        case STRING, NUMBER -> value.text();
        case WORD -> {
          if (!value.isWord("TRUE") && !value.isWord("FALSE")) throw c.expected("a property value", "");
          yield value.text().toLowerCase(java.util.Locale.ROOT);
        }
        default -> throw c.expected("a property value (a string, number, TRUE or FALSE)", "");
      };
      c.next();
      if (into.putIfAbsent(key, text) != null) throw Cursor.fail(start, "property '" + key + "' is given twice");
    } while (c.acceptSymbol(','));
    c.expectSymbol(')', "to close TBLPROPERTIES");
  }

  private static String key(Cursor c) {
    if (c.peek().kind() == Token.Kind.STRING) return c.next().text();
    StringBuilder key = new StringBuilder(c.expectIdentifier("a property key").text());
    while (c.acceptSymbol('.')) key.append('.').append(c.expectIdentifier("a key part after '.'").text());
    return key.toString();
  }
}
