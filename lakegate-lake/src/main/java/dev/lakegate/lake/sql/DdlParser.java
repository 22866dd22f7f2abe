package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.SecurableType;
import dev.lakegate.lake.catalog.TableName;
import java.util.Optional;

/** CREATE CATALOG / SCHEMA / TABLE / VIEW and DROP. */
final class DdlParser {
  private DdlParser() {}

  static Statement create(Cursor c) {
    c.expectWord("CREATE", "");
    Token what = c.peek();
    boolean orReplace = c.acceptWord("OR");
    if (orReplace) {
      c.expectWord("REPLACE", "after OR");
      if (!c.atWord("VIEW")) throw Cursor.fail(what, "CREATE OR REPLACE is supported for views only; DROP the object first");
      what = c.peek();
    }
    if (what.isWord("TEMPORARY") || what.isWord("TEMP")) {
      throw Cursor.fail(what, "temporary views are not supported: a view is stored in the catalog");
    }
    if (what.isWord("VIEW")) {
      c.next();
      return ViewParser.parse(c, orReplace);
    }
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
    throw c.expected("CATALOG, SCHEMA, TABLE or VIEW", "after CREATE");
  }

  static Optional<String> comment(Cursor c) {
    if (!c.acceptWord("COMMENT")) return Optional.empty();
    return Optional.of(c.expectString("a comment").text());
  }

  static Statement drop(Cursor c) {
    c.expectWord("DROP", "");
    Token what = c.peek();
    SecurableType type;
    if (what.isWord("VIEW")) return dropView(c);
    if (what.isWord("TABLE")) type = SecurableType.TABLE;
    else if (what.isWord("SCHEMA") || what.isWord("DATABASE")) type = SecurableType.SCHEMA;
    else if (what.isWord("CATALOG")) type = SecurableType.CATALOG;
    else throw c.expected("TABLE, VIEW, SCHEMA or CATALOG", "after DROP");
    c.next();
    boolean ifExists = c.acceptIf(false);
    var name = Idents.securable(c, type);
    boolean cascade = false;
    Token option = c.peek();
    if (option.isWord("CASCADE") || option.isWord("RESTRICT")) {
      if (type == SecurableType.TABLE) throw cascadeRefused(option, "TABLE");
      c.next();
      cascade = option.isWord("CASCADE");
    }
    return new Statement.Drop(name, ifExists, cascade);
  }

  private static Statement dropView(Cursor c) {
    c.expectWord("VIEW", "");
    boolean ifExists = c.acceptIf(false);
    TableName name = Idents.table(c);
    Token option = c.peek();
    if (option.isWord("CASCADE") || option.isWord("RESTRICT")) throw cascadeRefused(option, "VIEW");
    return new Statement.DropView(name, ifExists);
  }

  private static SqlParseException cascadeRefused(Token option, String what) {
    return Cursor.fail(option, option.upper() + " applies to DROP SCHEMA and DROP CATALOG, not DROP " + what);
  }
}
