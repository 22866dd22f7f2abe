package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.TableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code INSERT INTO [TABLE] c.s.t [(cols)] VALUES … | SELECT … | WITH … | (SELECT …)}. */
final class InsertParser {
  private InsertParser() {}

  static Statement parse(Cursor c) {
    c.expectWord("INSERT", "");
    Token into = c.peek();
    if (into.isWord("OVERWRITE")) throw Cursor.fail(into, "INSERT OVERWRITE is not supported; tables are append-only");
    c.expectWord("INTO", "after INSERT");
    c.acceptWord("TABLE");
    TableName table = Idents.table(c);
    List<Statement.Ident> columns = new ArrayList<>();
    if (c.atSymbol('(') && !QueryScanner.opensQuery(c.peek(1))) columns = columns(c);
    Token body = c.peek();
    if (c.acceptWord("VALUES")) {
      return new Statement.InsertValues(table, columns, new LiteralParser(c).rows());
    }
    if (QueryScanner.opensQuery(body)) {
      return new Statement.InsertSelect(table, columns, QueryScanner.scan(c.source(), body.pos().offset()));
    }
    throw c.expected("VALUES or a query (SELECT, WITH)", "after the table name");
  }

  private static List<Statement.Ident> columns(Cursor c) {
    c.expectSymbol('(', "");
    List<Statement.Ident> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    do {
      Token t = c.expectIdentifier("a column name");
      if (!seen.add(t.text().toLowerCase(Locale.ROOT))) throw Cursor.fail(t, "column '" + t.text() + "' is listed twice");
      columns.add(new Statement.Ident(t.text(), t.pos()));
    } while (c.acceptSymbol(','));
    c.expectSymbol(')', "to close the column list");
    return columns;
  }
}
