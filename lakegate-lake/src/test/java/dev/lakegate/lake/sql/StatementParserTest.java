package dev.lakegate.lake.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.catalog.TableType;
import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementParserTest {
  private static final TableName T = new TableName("main", "telemetry", "events");

  @Test
  void createCatalogAndSchema() {
    assertThat(SqlParser.parse("CREATE CATALOG main"))
        .isEqualTo(new Statement.CreateCatalog(new CatalogName("main"), false, Optional.empty()));
    assertThat(SqlParser.parse("create catalog if not exists `Main` comment 'the lake';"))
        .isEqualTo(new Statement.CreateCatalog(new CatalogName("main"), true, Optional.of("the lake")));
    assertThat(SqlParser.parse("CREATE SCHEMA IF NOT EXISTS main.Telemetry COMMENT \"otel\""))
        .isEqualTo(new Statement.CreateSchema(new SchemaName("main", "telemetry"), true, Optional.of("otel")));
    assertThat(SqlParser.parse("CREATE DATABASE main.default"))
        .isEqualTo(new Statement.CreateSchema(new SchemaName("main", "default"), false, Optional.empty()));
  }

  @Test
  void createTableClausesInAnyOrder() {
    var ct = (Statement.CreateTable) SqlParser.parse("""
        -- a comment before
        CREATE TABLE IF NOT EXISTS MAIN.telemetry.`Events` (id BIGINT NOT NULL, body STRING) /* mid */
        COMMENT 'raw events'
        TBLPROPERTIES ('otel.schemaVersion' = 'v1', delta.appendOnly = true, 'n' = 3)
        LOCATION 's3a://bucket/lake/events'
        USING delta;
        """);
    assertThat(ct.ifNotExists()).isTrue();
    assertThat(ct.table().name()).isEqualTo(T);
    assertThat(ct.table().columns().fieldNames()).containsExactly("id", "body");
    assertThat(ct.table().comment()).contains("raw events");
    assertThat(ct.table().location()).contains("s3a://bucket/lake/events");
    assertThat(ct.table().tableType()).isEqualTo(TableType.EXTERNAL);
    assertThat(ct.table().properties()).containsExactly(Map.entry("otel.schemaVersion", "v1"),
        Map.entry("delta.appendOnly", "true"), Map.entry("n", "3"));
  }

  @Test
  void usingDeltaIsOptionalAndLocationAloneRegistersAnExistingTable() {
    var managed = (Statement.CreateTable) SqlParser.parse("CREATE TABLE main.telemetry.events (x INT)");
    assertThat(managed.table().location()).isEmpty();
    var existing = (Statement.CreateTable) SqlParser.parse("CREATE TABLE main.telemetry.events USING DELTA LOCATION '/data/events'");
    assertThat(existing.table().columns()).isEqualTo(new StructType());
    assertThat(existing.table().location()).contains("/data/events");
  }

  @Test
  void drop() {
    assertThat(SqlParser.parse("DROP TABLE main.telemetry.events"))
        .isEqualTo(new Statement.Drop(T, false, false));
    assertThat(SqlParser.parse("drop table if exists main.telemetry.events;"))
        .isEqualTo(new Statement.Drop(T, true, false));
    assertThat(SqlParser.parse("DROP SCHEMA IF EXISTS main.telemetry CASCADE"))
        .isEqualTo(new Statement.Drop(new SchemaName("main", "telemetry"), true, true));
    assertThat(SqlParser.parse("DROP CATALOG main RESTRICT"))
        .isEqualTo(new Statement.Drop(new CatalogName("main"), false, false));
    assertThat(SqlParser.parse("DROP CATALOG main CASCADE"))
        .isEqualTo(new Statement.Drop(new CatalogName("main"), false, true));
  }

  @Test
  void createAndDropViews() {
    var v = (Statement.CreateView) SqlParser.parse("""
        CREATE VIEW Main.telemetry.Daily COMMENT 'per day' AS
        SELECT event_date, count(*) AS n FROM main.telemetry.events e GROUP BY 1; -- tail""");
    assertThat(v.name()).isEqualTo(new TableName("main", "telemetry", "daily"));
    assertThat(v.comment()).contains("per day");
    assertThat(v.orReplace()).isFalse();
    assertThat(v.ifNotExists()).isFalse();
    assertThat(v.query().sql()).isEqualTo("SELECT event_date, count(*) AS n FROM main.telemetry.events e GROUP BY 1");
    assertThat(v.query().tables()).extracting(TableRef::name).containsExactly(T);
    assertThat(v.query().tables().getFirst().pos()).isEqualTo(new Pos(2, 39, 92));

    var replace = (Statement.CreateView) SqlParser.parse("create or replace view main.telemetry.v as (from main.telemetry.events)");
    assertThat(replace.orReplace()).isTrue();
    assertThat(replace.query().sql()).isEqualTo("(from main.telemetry.events)");
    var ifNotExists = (Statement.CreateView) SqlParser.parse("CREATE VIEW IF NOT EXISTS main.telemetry.v AS WITH x AS (SELECT 1) SELECT * FROM x");
    assertThat(ifNotExists.ifNotExists()).isTrue();
    assertThat(ifNotExists.query().tables()).isEmpty();

    assertThat(SqlParser.parse("DROP VIEW main.telemetry.events")).isEqualTo(new Statement.DropView(T, false));
    assertThat(SqlParser.parse("drop view if exists main.telemetry.events;")).isEqualTo(new Statement.DropView(T, true));
    assertThat(SqlParser.parse("GRANT SELECT ON VIEW main.telemetry.events TO svc"))
        .isEqualTo(new Statement.GrantPrivileges(List.of(Privilege.SELECT), T, "svc"));
  }

  @Test
  void aStoredQueryParsesOnItsOwn() {
    Query q = SqlParser.parseQuery("SELECT *\nFROM main.telemetry.events");
    assertThat(q.tables()).extracting(TableRef::name).containsExactly(T);
    assertThat(q.tables().getFirst().pos()).isEqualTo(new Pos(2, 6, 14));
    assertThat(catchThrowableOfType(SqlParseException.class, () -> SqlParser.parseQuery("DROP TABLE a.b.c")))
        .hasMessage("line 1, column 1: expected a query (SELECT, WITH, FROM or '(') but found 'DROP'");
  }

  @Test
  void showAndDescribe() {
    assertThat(SqlParser.parse("SHOW CATALOGS")).isEqualTo(new Statement.ShowCatalogs());
    assertThat(SqlParser.parse("SHOW SCHEMAS")).isEqualTo(new Statement.ShowSchemas(Optional.empty()));
    assertThat(SqlParser.parse("show databases in Main"))
        .isEqualTo(new Statement.ShowSchemas(Optional.of(new CatalogName("main"))));
    assertThat(SqlParser.parse("SHOW TABLES")).isEqualTo(new Statement.ShowTables(Optional.empty()));
    assertThat(SqlParser.parse("SHOW TABLES FROM main.telemetry"))
        .isEqualTo(new Statement.ShowTables(Optional.of(new SchemaName("main", "telemetry"))));
    assertThat(SqlParser.parse("DESCRIBE main.telemetry.events")).isEqualTo(new Statement.Describe(T, false));
    assertThat(SqlParser.parse("DESCRIBE TABLE EXTENDED main.telemetry.events")).isEqualTo(new Statement.Describe(T, true));
    assertThat(SqlParser.parse("desc extended main.telemetry.events")).isEqualTo(new Statement.Describe(T, true));
    assertThat(SqlParser.parse("SHOW TBLPROPERTIES main.telemetry.events")).isEqualTo(new Statement.ShowTblProperties(T));
  }

  @Test
  void grantAndRevoke() {
    var g = (Statement.GrantPrivileges) SqlParser.parse(
        "GRANT USE CATALOG, USE_SCHEMA, SELECT ON CATALOG main TO `alice@example.com`");
    assertThat(g.privileges()).containsExactly(Privilege.USE_CATALOG, Privilege.USE_SCHEMA, Privilege.SELECT);
    assertThat(g.on()).isEqualTo(new CatalogName("main"));
    assertThat(g.principal()).isEqualTo("alice@example.com");
    assertThat(g.grants()).hasSize(3).first()
        .isEqualTo(new Grant(new CatalogName("main"), "alice@example.com", Privilege.USE_CATALOG));

    assertThat(SqlParser.parse("grant create table, all privileges on schema main.telemetry to Analysts"))
        .isEqualTo(new Statement.GrantPrivileges(List.of(Privilege.CREATE_TABLE, Privilege.ALL_PRIVILEGES),
            new SchemaName("main", "telemetry"), "Analysts"));
    assertThat(SqlParser.parse("GRANT MODIFY ON TABLE main.telemetry.events TO svc"))
        .isEqualTo(new Statement.GrantPrivileges(List.of(Privilege.MODIFY), T, "svc"));
    assertThat(SqlParser.parse("GRANT SELECT ON main.telemetry.events TO svc"))
        .isEqualTo(new Statement.GrantPrivileges(List.of(Privilege.SELECT), T, "svc"));
    assertThat(SqlParser.parse("REVOKE ALL_PRIVILEGES, CREATE_TABLE ON DATABASE main.telemetry FROM `bob`"))
        .isEqualTo(new Statement.RevokePrivileges(List.of(Privilege.ALL_PRIVILEGES, Privilege.CREATE_TABLE),
            new SchemaName("main", "telemetry"), "bob"));
  }

  @Test
  void insertValuesAndSelect() {
    var v = (Statement.InsertValues) SqlParser.parse("INSERT INTO main.telemetry.events (id, body) VALUES (1, 'a'), (2, NULL)");
    assertThat(v.table()).isEqualTo(T);
    assertThat(v.columns()).extracting(Statement.Ident::name).containsExactly("id", "body");
    assertThat(v.rows()).hasSize(2);
    assertThat(v.rows().get(1).values().get(1)).isInstanceOf(Literal.Null.class);

    var s = (Statement.InsertSelect) SqlParser.parse(
        "INSERT INTO TABLE main.telemetry.events SELECT id, body FROM main.raw.events WHERE id > 0;");
    assertThat(s.columns()).isEmpty();
    assertThat(s.query().sql()).isEqualTo("SELECT id, body FROM main.raw.events WHERE id > 0");
    assertThat(s.query().tables()).extracting(TableRef::name).containsExactly(new TableName("main", "raw", "events"));

    var withCols = (Statement.InsertSelect) SqlParser.parse(
        "INSERT INTO main.telemetry.events (id) (SELECT 1)");
    assertThat(withCols.columns()).extracting(Statement.Ident::name).containsExactly("id");
    assertThat(withCols.query().sql()).isEqualTo("(SELECT 1)");
    var paren = (Statement.InsertSelect) SqlParser.parse("INSERT INTO main.telemetry.events (SELECT 1)");
    assertThat(paren.columns()).isEmpty();
    var with = (Statement.InsertSelect) SqlParser.parse(
        "INSERT INTO main.telemetry.events WITH x AS (SELECT 1) SELECT * FROM x");
    assertThat(with.query().sql()).startsWith("WITH x AS");

    assertThat(SqlParser.parse("SELECT 1")).isEqualTo(new Statement.Select(new Query("SELECT 1", List.of())));
    assertThat(SqlParser.parse("  with q as (select 1) select * from q -- tail")).isInstanceOf(Statement.Select.class);
    assertThat(SqlParser.parse("FROM main.telemetry.events")).isInstanceOf(Statement.Select.class);
  }
}
