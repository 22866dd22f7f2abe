package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.Securable;
import dev.lakegate.lake.catalog.SecurableType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GRANT p[, …] ON CATALOG|SCHEMA|TABLE|VIEW name TO principal} and {@code REVOKE … FROM …}.
 * Privileges may be written {@code USE_CATALOG} or {@code USE CATALOG}; {@code TABLE} may be
 * omitted before a three-part name, as Databricks allows. A view is a table to privileges, as in
 * Unity Catalog, so {@code VIEW} is another spelling of {@code TABLE}.
 */
final class GrantParser {
  private static final String PRIVILEGES = "a privilege (USE_CATALOG, USE_SCHEMA, SELECT, MODIFY, "
      + "CREATE_TABLE, ALL_PRIVILEGES)";

  private GrantParser() {}

  static Statement parse(Cursor c) {
    boolean grant = c.next().isWord("GRANT");
    List<Token> at = new ArrayList<>();
    List<Privilege> privileges = new ArrayList<>();
    do {
      at.add(c.peek());
      Privilege p = privilege(c);
      if (privileges.contains(p)) throw Cursor.fail(at.getLast(), "privilege " + p + " is listed twice");
      privileges.add(p);
    } while (c.acceptSymbol(','));
    c.expectWord("ON", "after the privileges");
    Securable on = Idents.securable(c, securableType(c));
    for (int i = 0; i < privileges.size(); i++) {
      Privilege p = privileges.get(i);
      if (!p.appliesTo(on.type())) {
        throw Cursor.fail(at.get(i), "privilege " + p + " cannot be granted on a " + on.type()
            + "; USE_CATALOG applies to catalogs, USE_SCHEMA and CREATE_TABLE to catalogs and schemas");
      }
    }
    c.expectWord(grant ? "TO" : "FROM", "before the principal");
    String principal = Idents.principal(c);
    return grant ? new Statement.GrantPrivileges(privileges, on, principal)
        : new Statement.RevokePrivileges(privileges, on, principal);
  }

  private static Privilege privilege(Cursor c) {
    Token t = c.peek();
    if (t.kind() != Token.Kind.WORD) throw c.expected(PRIVILEGES, "");
    c.next();
    String w = t.upper();
    return switch (w) {
      case "USE" -> {
        if (c.acceptWord("CATALOG")) yield Privilege.USE_CATALOG;
        c.expectWord("SCHEMA", "after USE (USE CATALOG or USE SCHEMA)");
        yield Privilege.USE_SCHEMA;
      }
      case "CREATE" -> {
        c.expectWord("TABLE", "after CREATE (the privilege is CREATE TABLE)");
        yield Privilege.CREATE_TABLE;
      }
      case "ALL" -> {
        c.expectWord("PRIVILEGES", "after ALL");
        yield Privilege.ALL_PRIVILEGES;
      }
      case "USE_CATALOG", "USE_SCHEMA", "SELECT", "MODIFY", "CREATE_TABLE", "ALL_PRIVILEGES" -> Privilege.valueOf(w);
      default -> throw Cursor.fail(t, "expected " + PRIVILEGES + " but found " + t.describe());
    };
  }

  private static SecurableType securableType(Cursor c) {
    Token t = c.peek();
    boolean keyword = t.kind() == Token.Kind.WORD && !c.peek(1).isSymbol('.');
    if (keyword && t.isWord("CATALOG")) { c.next(); return SecurableType.CATALOG; }
    if (keyword && (t.isWord("SCHEMA") || t.isWord("DATABASE"))) { c.next(); return SecurableType.SCHEMA; }
    if (keyword && (t.isWord("TABLE") || t.isWord("VIEW"))) c.next();
    return SecurableType.TABLE;
  }
}
