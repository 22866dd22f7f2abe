package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.Securable;
import dev.lakegate.lake.catalog.TableName;
import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Optional;

/** A parsed statement (SPEC §6). Names are validated and lower-cased; see package docs. */
public sealed interface Statement {
  record CreateCatalog(CatalogName name, boolean ifNotExists, Optional<String> comment) implements Statement {}

  record CreateSchema(SchemaName name, boolean ifNotExists, Optional<String> comment) implements Statement {}

  /** {@code USING DELTA} is implied; clauses may come in any order, each at most once. */
  record CreateTable(NewTable table, boolean ifNotExists) implements Statement {}

  /**
   * {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] c.s.v [COMMENT '…'] AS query}; OR REPLACE and IF
   * NOT EXISTS exclude each other. The query's text is what the view stores.
   */
  record CreateView(TableName name, Query query, Optional<String> comment, boolean orReplace, boolean ifNotExists)
      implements Statement {}

  /** CASCADE is accepted for schemas and catalogs only (RESTRICT, the default, is also accepted). */
  record Drop(Securable target, boolean ifExists, boolean cascade) implements Statement {}

  /** {@code DROP VIEW [IF EXISTS] c.s.v}: a view, never a table (and DROP TABLE never drops a view). */
  record DropView(TableName name, boolean ifExists) implements Statement {}

  record ShowCatalogs() implements Statement {}

  record ShowSchemas(Optional<CatalogName> in) implements Statement {}

  record ShowTables(Optional<SchemaName> in) implements Statement {}

  record Describe(TableName table, boolean extended) implements Statement {}

  record ShowTblProperties(TableName table) implements Statement {}

  /** {@code GRANT p[, …] ON … TO principal}; the principal keeps its case. */
  record GrantPrivileges(List<Privilege> privileges, Securable on, String principal) implements Statement {
    public GrantPrivileges { privileges = List.copyOf(privileges); }

    public List<Grant> grants() { return toGrants(privileges, on, principal); }
  }

  record RevokePrivileges(List<Privilege> privileges, Securable on, String principal) implements Statement {
    public RevokePrivileges { privileges = List.copyOf(privileges); }

    public List<Grant> grants() { return toGrants(privileges, on, principal); }
  }

  /** {@code INSERT INTO t [(cols)] VALUES (…), …}; {@link #rowsFor} checks values against the schema. */
  record InsertValues(TableName table, List<Ident> columns, List<Row> rows) implements Statement {
    public InsertValues {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    /** One row per VALUES tuple, in schema order; see {@link Literal} for the Java value types. */
    public List<List<Object>> rowsFor(StructType schema) {
      return InsertRows.rows(this, schema);
    }

    public record Row(List<Literal> values, Pos pos) {
      public Row { values = List.copyOf(values); }
    }
  }

  /** {@code INSERT INTO t [(cols)] SELECT …}: the query is left to DuckDB, see {@link Query}. */
  record InsertSelect(TableName table, List<Ident> columns, Query query) implements Statement {
    public InsertSelect { columns = List.copyOf(columns); }
  }

  /** {@code SELECT …}, {@code WITH … SELECT …} or {@code (SELECT …)}. */
  record Select(Query query) implements Statement {}

  /** A column name as written (case kept) and where. */
  record Ident(String name, Pos pos) {}

  private static List<Grant> toGrants(List<Privilege> privileges, Securable on, String principal) {
    return privileges.stream().map(p -> new Grant(on, principal, p)).toList();
  }
}
