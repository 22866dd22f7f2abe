package dev.lakegate.lake.sql;

import java.util.Optional;

/** SHOW CATALOGS | SCHEMAS [IN c] | TABLES [IN c.s] | TBLPROPERTIES t, and DESCRIBE [TABLE] [EXTENDED] t. */
final class ShowParser {
  private ShowParser() {}

  static Statement parse(Cursor c) {
    Token verb = c.next();
    if (!verb.isWord("SHOW")) {
      c.acceptWord("TABLE");
      boolean extended = c.acceptWord("EXTENDED") || c.acceptWord("FORMATTED");
      return new Statement.Describe(Idents.table(c), extended);
    }
    Token what = c.peek();
    String word = what.kind() == Token.Kind.WORD ? what.upper() : "";
    return switch (word) {
      case "CATALOGS" -> {
        c.next();
        yield new Statement.ShowCatalogs();
      }
      case "SCHEMAS", "DATABASES" -> {
        c.next();
        yield new Statement.ShowSchemas(in(c) ? Optional.of(Idents.catalog(c)) : Optional.empty());
      }
      case "TABLES" -> {
        c.next();
        yield new Statement.ShowTables(in(c) ? Optional.of(Idents.schema(c)) : Optional.empty());
      }
      case "TBLPROPERTIES" -> {
        c.next();
        yield new Statement.ShowTblProperties(Idents.table(c));
      }
      default -> throw c.expected("CATALOGS, SCHEMAS, TABLES or TBLPROPERTIES", "after SHOW");
    };
  }

  private static boolean in(Cursor c) {
    return c.acceptWord("IN") || c.acceptWord("FROM");
  }
}
