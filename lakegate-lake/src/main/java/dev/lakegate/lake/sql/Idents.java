package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.Names;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.Securable;
import dev.lakegate.lake.catalog.SecurableType;
import dev.lakegate.lake.catalog.TableName;
import java.util.ArrayList;
import java.util.List;

/** Parses dotted object names and applies {@link Names}' rules with positions. */
final class Idents {
  private Idents() {}

  static CatalogName catalog(Cursor c) {
    return new CatalogName(parts(c, 1, "catalog name")[0]);
  }

  static SchemaName schema(Cursor c) {
    String[] p = parts(c, 2, "two-part schema name catalog.schema");
    return new SchemaName(p[0], p[1]);
  }

  static TableName table(Cursor c) {
    String[] p = parts(c, 3, "three-part table name catalog.schema.table");
    return new TableName(p[0], p[1], p[2]);
  }

  static Securable securable(Cursor c, SecurableType type) {
    return switch (type) {
      case CATALOG -> catalog(c);
      case SCHEMA -> schema(c);
      case TABLE -> table(c);
    };
  }

  /** Checks a catalog, schema or table name part; returns it as written (records lower-case it). */
  static String part(Token t) {
    Names.securableProblem(t.text()).ifPresent(p -> { throw Cursor.fail(t, p); });
    return t.text();
  }

  static String column(Token t) {
    Names.columnProblem(t.text()).ifPresent(p -> { throw Cursor.fail(t, p); });
    return t.text();
  }

  static String principal(Cursor c) {
    Token t = c.expectIdentifier("a principal (a name, or `user@example.com` in backquotes)");
    Names.principalProblem(t.text()).ifPresent(p -> { throw Cursor.fail(t, p); });
    return t.text();
  }

  private static String[] parts(Cursor c, int count, String what) {
    List<Token> tokens = new ArrayList<>();
    tokens.add(c.expectIdentifier("a " + what));
    while (c.atSymbol('.') && tokens.size() < 8) {
      c.next();
      tokens.add(c.expectIdentifier("a name part after '.'"));
    }
    tokens.forEach(Idents::part);
    if (tokens.size() != count) {
      String found = String.join(".", tokens.stream().map(Token::text).toList());
      throw Cursor.fail(tokens.getFirst(), "expected a " + what + " but found '" + found + "'");
    }
    return tokens.stream().map(Token::text).toArray(String[]::new);
  }
}
