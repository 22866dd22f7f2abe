package dev.lakegate.lake.sql;

import java.util.Optional;

/**
 * The rest of {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] c.s.v [COMMENT '…'] AS query}. The
 * query is scanned like any other (its text is what the view stores); a column list is refused, as
 * the query names its columns.
 */
final class ViewParser {
  private ViewParser() {}

  static Statement parse(Cursor c, boolean orReplace) {
    Token ifToken = c.peek();
    boolean ifNotExists = c.acceptIf(true);
    if (ifNotExists && orReplace) {
      throw Cursor.fail(ifToken, "OR REPLACE and IF NOT EXISTS cannot be combined; use one of them");
    }
    var name = Idents.table(c);
    if (c.atSymbol('(')) {
      throw Cursor.fail(c.peek(), "a column list is not supported in CREATE VIEW; name the columns in the query (SELECT x AS name)");
    }
    Optional<String> comment = DdlParser.comment(c);
    c.expectWord("AS", "before the view's query");
    Token body = c.peek();
    if (!QueryScanner.opensQuery(body)) throw c.expected("a query (SELECT, WITH, FROM or '(')", "after AS");
    return new Statement.CreateView(name, QueryScanner.scan(c.source(), body.pos().offset()), comment, orReplace, ifNotExists);
  }
}
