package dev.lakegate.lake.sql;

import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;

/**
 * Entry point: one statement of SPEC §6 per call, or a column list or type on its own. Every
 * failure is a {@link SqlParseException} naming line, column, what was expected and what was
 * found.
 */
public final class SqlParser {
  private static final String STATEMENTS = "a statement (CREATE, DROP, SHOW, DESCRIBE, GRANT, "
      + "REVOKE, INSERT, SELECT, WITH)";

  private SqlParser() {}

  public static Statement parse(String sql) {
    Cursor c = new Cursor(sql);
    Token first = c.peek();
    if (QueryScanner.opensQuery(first)) {
      return new Statement.Select(QueryScanner.scan(sql, first.pos().offset()));
    }
    Statement s = switch (first.kind() == Token.Kind.WORD ? first.upper() : "") {
      case "CREATE" -> DdlParser.create(c);
      case "DROP" -> DdlParser.drop(c);
      case "SHOW", "DESCRIBE", "DESC" -> ShowParser.parse(c);
      case "GRANT", "REVOKE" -> GrantParser.parse(c);
      case "INSERT" -> InsertParser.parse(c);
      default -> throw c.expected(STATEMENTS, "");
    };
    if (!(s instanceof Statement.InsertSelect || s instanceof Statement.CreateView)) c.expectEnd(); // the query scan ends those
    return s;
  }

  /** A query on its own, as a view stores it; positions are within {@code sql}. */
  public static Query parseQuery(String sql) {
    Cursor c = new Cursor(sql);
    Token first = c.peek();
    if (!QueryScanner.opensQuery(first)) throw c.expected("a query (SELECT, WITH, FROM or '(')", "");
    return QueryScanner.scan(sql, first.pos().offset());
  }

  /** Column definitions as in CREATE TABLE, without the parentheses: {@code a INT, b STRING}. */
  public static StructType parseColumns(String ddl) {
    Cursor c = new Cursor(ddl);
    StructType columns = new TypeParser(c).columns(';');
    c.expectEnd();
    return columns;
  }

  /** One data type: {@code MAP<STRING, ARRAY<BIGINT>>}. */
  public static DataType parseType(String type) {
    Cursor c = new Cursor(type);
    DataType t = new TypeParser(c).type(0);
    c.expectEnd();
    return t;
  }
}
