package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.SecurableType;
import java.util.Optional;

/** CREATE CATALOG / SCHEMA / TABLE and DROP. */
final class DdlParser {
  private DdlParser() {}

  static Statement create(Cursor c) {
    c.expectWord("CREATE", "");
    Token what = c.peek();
    if (what.isWord("OR")) throw Cursor.fail(what, "CREATE OR REPLACE is not supported; DROP the object first");
    if (what.isWord("CATALOG")) {
      c.next();
      boolean ifNotExists = c.acceptIf(true);
      return new Statement.CreateCatalog(Idents.catalog(c), ifNotExists, comment(c));
    }
    if (what.isWord("SCHEMA") || what.isWord("DATABASE")) {
      c.next();
      boolean ifNotExists = c.acceptIf(true);
      return new Statement.CreateSchema(Idents.schema(c), ifNotExists, comment(c));
    }
    if (what.isWord("TABLE")) {
      c.next();
      return CreateTableParser.parse(c);
    }
    throw c.expected("CATALOG, SCHEMA or TABLE", "after CREATE");
  }

  private static Optional<String> comment(Cursor c) {
    if (!c.acceptWord("COMMENT")) return Optional.empty();
    return Optional.of(c.expectString("a comment").text());
  }

  static Statement drop(Cursor c) {
    c.expectWord("DROP", "");
    Token what = c.peek();
    SecurableType type;
    if (what.isWord("TABLE")) type = SecurableType.TABLE;
    else if (what.isWord("SCHEMA") || what.isWord("DATABASE")) type = SecurableType.SCHEMA;
    else if (what.isWord("CATALOG")) type = SecurableType.CATALOG;
    else throw c.expected("TABLE, SCHEMA or CATALOG", "after DROP");
    c.next();
    boolean ifExists = c.acceptIf(false);
    var name = Idents.securable(c, type);
    boolean cascade = false;
    Token option = c.peek();
    if (option.isWord("CASCADE") || option.isWord("RESTRICT")) {
      if (type == SecurableType.TABLE) {
        throw Cursor.fail(option, option.upper() + " applies to DROP SCHEMA and DROP CATALOG, not DROP TABLE");
      }
      c.next();
      cascade = option.isWord("CASCADE");
    }
    return new Statement.Drop(name, ifExists, cascade);
  }
}
