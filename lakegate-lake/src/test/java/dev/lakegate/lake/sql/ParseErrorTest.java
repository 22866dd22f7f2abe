package dev.lakegate.lake.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input fails with the line, the column, what was expected and what was found. */
class ParseErrorTest {
  static Stream<Arguments> badStatements() {
    return Stream.of(
        bad("CREATE TABLE a.b.c (x STRUCT<a: INT, b: STRING)",
            "line 1, column 47: expected ',' or '>' to close STRUCT<…> but found ')'"),
        bad("CREATE TABLE a.b.c (x ARRAY<INT, INT>)",
            "line 1, column 32: expected '>' to close ARRAY<…> but found ','"),
        bad("CREATE TABLE a.b.c (\n  id BIGINT,\n  payload STRUCT<a: INT b: INT>\n)",
            "line 3, column 25: expected ',' or '>' to close STRUCT<…> but found 'b'"),
        bad("CREATE TABLE a.b.c (x MAP<STRING>)",
            "line 1, column 33: expected ',' between the key and value types of MAP<…> but found '>'"),
        bad("CREATE TABLE a.b.c (x UUID)",
            "line 1, column 23: unknown data type 'UUID'; expected one of STRING, BIGINT/LONG, INT/INTEGER, "
                + "SMALLINT/SHORT, TINYINT/BYTE, DOUBLE, FLOAT/REAL, BOOLEAN, DATE, TIMESTAMP, TIMESTAMP_NTZ, "
                + "DECIMAL(p,s), BINARY, ARRAY<…>, MAP<…,…>, STRUCT<…>"),
        bad("CREATE TABLE a.b.c (x VARCHAR(10))", "line 1, column 23: VARCHAR is not supported; use STRING"),
        bad("CREATE TABLE a.b.c (x STRUCT<>)", "line 1, column 30: expected a field name but found '>'"),
        bad("CREATE TABLE a.b.c (x DECIMAL(40,2))", "line 1, column 31: DECIMAL precision must be 1 to 38, not 40"),
        bad("CREATE TABLE a.b.c (x DECIMAL(5,6))", "line 1, column 31: DECIMAL scale 6 exceeds its precision 5"),
        bad("CREATE TABLE a.b.c (x INT) USING parquet", "line 1, column 34: only USING DELTA is supported, not 'parquet'"),
        bad("CREATE TABLE a.b (x INT)",
            "line 1, column 14: expected a three-part table name catalog.schema.table but found 'a.b'"),
        bad("CREATE TABLE a.b.c.d (x INT)",
            "line 1, column 14: expected a three-part table name catalog.schema.table but found 'a.b.c.d'"),
        bad("CREATE TABLE a.b.c-d (x INT)", "line 1, column 19: expected USING DELTA, LOCATION, TBLPROPERTIES, "
            + "COMMENT or the end of the statement but found '-'"),
        bad("CREATE TABLE a.b.`c d` (x INT)",
            "line 1, column 18: name 'c d' contains a space, which catalog, schema and table names may not hold"),
        bad("CREATE TABLE a.`..`.c (x INT)",
            "line 1, column 16: name '..' contains a period, which catalog, schema and table names may not hold"),
        bad("CREATE TABLE a.b.`c/d` (x INT)",
            "line 1, column 18: name 'c/d' contains '/', which catalog, schema and table names may not hold"),
        bad("CREATE TABLE a.b.`` (x INT)", "line 1, column 18: a name part must not be empty"),
        bad("CREATE TABLE a.b.`c (x INT)", "line 1, column 18: unterminated quoted identifier; close it with `"),
        bad("CREATE TABLE a.b.c (x INT) COMMENT 'oops", "line 1, column 36: unterminated string literal; close it with '"),
        bad("CREATE TABLE a.b.c (x INT COMMENT 'a\\u12')", "line 1, column 37: expected four hex digits after \\u"),
        bad("CREATE TABLE a.b.c (x INT) /* never closed", "line 1, column 28: unterminated comment; close it with */"),
        bad("CREATE TABLE a.b.c (x INT) USING DELTA garbage", "line 1, column 40: expected USING DELTA, LOCATION, "
            + "TBLPROPERTIES, COMMENT or the end of the statement but found 'garbage'"),
        bad("CREATE TABLE a.b.c (x INT) §", "line 1, column 28: unexpected character U+00A7"),
        bad("CREATE TABLE a.b.c (x\u00a0INT)", "line 1, column 22: unexpected character U+00A0"),
        bad("CREATE TABLE a.b.c (x INT) ?", "line 1, column 28: unexpected character '?'"),
        bad("DROP TABLE a.b.c; DROP TABLE x",
            "line 1, column 19: expected end of statement after ';' (one statement per request) but found 'DROP'"),
        bad("CREATE TABLE a.b.c (x INT); DROP TABLE a.b.c",
            "line 1, column 29: expected end of statement after ';' (one statement per request) but found 'DROP'"),
        bad("DROP TABLE `a.b.c; DROP TABLE x`",
            "line 1, column 12: name 'a.b.c; DROP TABLE x' contains a period, which catalog, schema and table names may not hold"),
        bad("CREATE TABLE a.b.c (x INT) LOCATION '../../etc'",
            "line 1, column 37: LOCATION '../../etc' must be an absolute path or a URI (file:, s3a://, abfss://, gs://)"),
        bad("CREATE TABLE a.b.c (x INT) LOCATION '/data/../../etc'",
            "line 1, column 37: LOCATION '/data/../../etc' contains a '..' segment; give the path without relative parts"),
        bad("CREATE TABLE a.b.c (x INT) LOCATION 'file:/data/%2e%2e/etc'",
            "line 1, column 37: LOCATION 'file:/data/%2e%2e/etc' contains a '..' segment; give the path without relative parts"),
        bad("CREATE TABLE a.b.c (x INT) LOCATION 's3://bucket/x'",
            "line 1, column 37: LOCATION scheme 's3' is not supported; use s3a://"),
        bad("CREATE TABLE a.b.c (x INT) LOCATION '/a' LOCATION '/b'", "line 1, column 42: LOCATION is given twice"),
        bad("CREATE TABLE a.b.c (x INT) PARTITIONED BY (x)", "line 1, column 28: PARTITIONED BY is not supported: "
            + "Lakegate tables are unpartitioned so DuckDB can read their files directly"),
        bad("CREATE TABLE a.b.c (x INT, X STRING)", "line 1, column 28: duplicate column name 'X'"),
        bad("CREATE TABLE a.b.c (s STRUCT<a: INT, A: INT>)", "line 1, column 38: duplicate field name 'A'"),
        bad("CREATE TABLE a.b.c (`a,b` INT)", "line 1, column 21: column name 'a,b' contains ','; Delta tables "
            + "without column mapping refuse any of ' ,;{}()=' and control characters"),
        bad("CREATE TABLE a.b.c (x INT NOT NULL NOT NULL)", "line 1, column 36: NOT NULL given twice for 'x'"),
        bad("CREATE TABLE a.b.c (x INT DEFAULT 1)", "line 1, column 27: DEFAULT columns are not supported; write the value on insert"),
        bad("CREATE TABLE a.b.c", "line 1, column 14: CREATE TABLE a.b.c needs a column list in parentheses "
            + "(or a LOCATION holding an existing Delta table)"),
        bad("CREATE TABLE a.b.c (x INT) TBLPROPERTIES ('k' = 'v', 'k' = 'w')", "line 1, column 54: property 'k' is given twice"),
        bad("CREATE OR REPLACE TABLE a.b.c (x INT)", "line 1, column 8: CREATE OR REPLACE is supported for views only; DROP the object first"),
        bad("CREATE INDEX a.b.c", "line 1, column 8: expected CATALOG, SCHEMA, TABLE or VIEW after CREATE but found 'INDEX'"),
        bad("CREATE OR REPLACE VIEW IF NOT EXISTS a.b.v AS SELECT 1",
            "line 1, column 24: OR REPLACE and IF NOT EXISTS cannot be combined; use one of them"),
        bad("CREATE OR VIEW a.b.v AS SELECT 1", "line 1, column 11: expected REPLACE after OR but found 'VIEW'"),
        bad("CREATE TEMPORARY VIEW a.b.v AS SELECT 1", "line 1, column 8: temporary views are not supported: a view is stored in the catalog"),
        bad("CREATE VIEW a.b AS SELECT 1", "line 1, column 13: expected a three-part table name catalog.schema.table but found 'a.b'"),
        bad("CREATE VIEW a.b.v (x, y) AS SELECT 1, 2",
            "line 1, column 19: a column list is not supported in CREATE VIEW; name the columns in the query (SELECT x AS name)"),
        bad("CREATE VIEW a.b.v SELECT 1", "line 1, column 19: expected AS before the view's query but found 'SELECT'"),
        bad("CREATE VIEW a.b.v COMMENT 42 AS SELECT 1", "line 1, column 27: expected a comment as a quoted string but found '42'"),
        bad("CREATE VIEW a.b.v AS INSERT INTO a.b.c VALUES (1)",
            "line 1, column 22: expected a query (SELECT, WITH, FROM or '(') after AS but found 'INSERT'"),
        bad("CREATE VIEW a.b.v AS SELECT * FROM a.b", "line 1, column 36: expected a three-part table name catalog.schema.table but found 'a.b'"),
        bad("CREATE VIEW a.b.v AS SELECT 1; DROP VIEW a.b.v",
            "line 1, column 32: expected end of statement after ';' (one statement per request) but found 'DROP'"),
        bad("DROP VIEW a.b.v CASCADE", "line 1, column 17: CASCADE applies to DROP SCHEMA and DROP CATALOG, not DROP VIEW"),
        bad("DROP VIEW IF a.b.v", "line 1, column 14: expected EXISTS after IF but found 'a'"),
        bad("DROP INDEX a.b.c", "line 1, column 6: expected TABLE, VIEW, SCHEMA or CATALOG after DROP but found 'INDEX'"),
        bad("CREATE SCHEMA main", "line 1, column 15: expected a two-part schema name catalog.schema but found 'main'"),
        bad("DROP TABLE a.b.c CASCADE", "line 1, column 18: CASCADE applies to DROP SCHEMA and DROP CATALOG, not DROP TABLE"),
        bad("", "line 1, column 1: expected a statement (CREATE, DROP, SHOW, DESCRIBE, GRANT, REVOKE, INSERT, SELECT, "
            + "WITH) but found end of input"),
        bad("UPDATE a.b.c SET x = 1", "line 1, column 1: expected a statement (CREATE, DROP, SHOW, DESCRIBE, GRANT, "
            + "REVOKE, INSERT, SELECT, WITH) but found 'UPDATE'"),
        bad("SHOW VIEWS", "line 1, column 6: expected CATALOGS, SCHEMAS, TABLES or TBLPROPERTIES after SHOW but found 'VIEWS'"),
        bad("GRANT USE_CATALOG ON TABLE a.b.c TO bob", "line 1, column 7: privilege USE_CATALOG cannot be granted on "
            + "a TABLE; USE_CATALOG applies to catalogs, USE_SCHEMA and CREATE_TABLE to catalogs and schemas"),
        bad("GRANT FLY ON CATALOG a TO bob", "line 1, column 7: expected a privilege (USE_CATALOG, USE_SCHEMA, "
            + "SELECT, MODIFY, CREATE_TABLE, ALL_PRIVILEGES) but found 'FLY'"),
        bad("GRANT SELECT ON CATALOG a TO 'bob'", "line 1, column 30: expected a principal (a name, or "
            + "`user@example.com` in backquotes) but found string 'bob'"),
        bad("REVOKE SELECT ON CATALOG a TO bob", "line 1, column 28: expected FROM before the principal but found 'TO'"),
        bad("INSERT INTO a.b.c VALUES (1, 'x'", "line 1, column 33: expected ')' to close the row but found end of input"),
        bad("INSERT INTO a.b.c VALUES (1, x)", "line 1, column 30: expected a value (string, number, TRUE, FALSE, "
            + "NULL, array(…), map(…), named_struct(…), struct(…)) but found 'x'"),
        bad("INSERT INTO a.b.c VALUES (map('a'))", "line 1, column 27: map(…) takes key, value pairs but got 1 arguments"),
        bad("INSERT OVERWRITE a.b.c VALUES (1)", "line 1, column 8: INSERT OVERWRITE is not supported; tables are append-only"),
        bad("SELECT * FROM a.b WHERE 1", "line 1, column 15: expected a three-part table name catalog.schema.table but found 'a.b'"),
        bad("SELECT * FROM a.b.c; DROP TABLE a.b.c",
            "line 1, column 22: expected end of statement after ';' (one statement per request) but found 'DROP'"),
        bad("SELECT * FROM a.b.`c d`", "line 1, column 19: name 'c d' contains a space, which catalog, schema and table names may not hold"),
        bad("SELECT (1", "line 1, column 8: unclosed '('"),
        bad("SELECT 1)", "line 1, column 9: unbalanced ')': no '(' is open here"),
        bad("SELECT 'it''s", "line 1, column 8: unterminated string literal; close it with '"));
  }

  @ParameterizedTest
  @MethodSource("badStatements")
  void failsWithPositionAndProblem(String sql, String message) {
    assertThat(error(sql)).isEqualTo(message);
  }

  @ParameterizedTest
  @MethodSource("absurdNesting")
  void absurdNestingIsRefusedCleanly(String sql, String message) {
    assertThat(error(sql)).contains(message);
  }

  static Stream<Arguments> absurdNesting() {
    int n = 100_000;
    return Stream.of(
        bad("CREATE TABLE a.b.c (x " + "ARRAY<".repeat(n) + "INT" + ">".repeat(n) + ")", "data types nest deeper than 64 levels"),
        bad("CREATE TABLE a.b.c (x " + "STRUCT<a: ".repeat(n) + "INT" + ">".repeat(n) + ")", "data types nest deeper than 64 levels"),
        bad("INSERT INTO a.b.c VALUES (" + "array(".repeat(n) + "1" + ")".repeat(n) + ")", "values nest deeper than 64 levels"),
        bad("SELECT " + "(".repeat(n) + "1" + ")".repeat(n), "parentheses nest deeper than 256 levels"),
        bad("SELECT 1 /*" + "/*".repeat(n), "unterminated comment"));
  }

  @org.junit.jupiter.api.Test
  void exceptionCarriesLineColumnAndProblem() {
    SqlParseException e = catchThrowableOfType(SqlParseException.class,
        () -> SqlParser.parse("SHOW TABLES\r\nIN\r\n  a.b.c"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.pos().offset()).isEqualTo(19);
    assertThat(e.problem()).isEqualTo("expected a two-part schema name catalog.schema but found 'a.b.c'");
    assertThat(e.getStackTrace()).isEmpty();
  }

  static String error(String sql) {
    return catchThrowableOfType(SqlParseException.class, () -> SqlParser.parse(sql)).getMessage();
  }

  private static Arguments bad(String sql, String message) {
    return Arguments.of(sql, message);
  }
}
