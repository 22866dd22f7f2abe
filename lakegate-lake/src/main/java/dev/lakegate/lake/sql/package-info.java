/**
 * The SQL of SPEC §6: a hand-written lexer and recursive-descent parser producing a sealed {@link
 * dev.lakegate.lake.sql.Statement}, entered through {@link dev.lakegate.lake.sql.SqlParser}.
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>Keywords are case-insensitive and never reserved where a name is expected ({@code
 *       main.default.t}, a column called {@code count}). Comments {@code --} and nested {@code /*
 *       *\/}; one trailing {@code ;}; anything after it is refused (one statement per request).
 *   <li>Catalog, schema and table names follow {@link dev.lakegate.lake.catalog.Names}: lower-cased
 *       (backquoted too, like Unity Catalog), no period, space, slash, backslash or control
 *       character. There is no current catalog or schema: tables are always three-part.
 *   <li>Column and field names keep their case, must be unique ignoring case, and may not hold
 *       the characters Delta refuses without column mapping. Types become Kernel types; COMMENT
 *       goes to field metadata {@code comment}.
 *   <li>Strings: {@code '…'} or {@code "…"}, with {@code ''} and Spark's backslash escapes.
 *   <li>CREATE TABLE: {@code USING DELTA} optional, any other format refused; no partitioning;
 *       LOCATION must pass {@link dev.lakegate.lake.catalog.Locations} (absolute, no {@code ..},
 *       known schemes); without columns it needs a LOCATION (registers an existing table).
 *   <li>Queries (SELECT, WITH, parenthesised, DuckDB's FROM-first) are not parsed: {@link
 *       dev.lakegate.lake.sql.Query} keeps the text and the {@code catalog.schema.table}
 *       references found in FROM/JOIN positions, lexed with DuckDB's quoting rules.
 *   <li>CREATE VIEW stores its query's text; OR REPLACE applies to views only (tables keep their
 *       data, so replacing one would be a DROP in disguise); TEMPORARY views and column lists are
 *       refused. DROP VIEW and DROP TABLE each name one kind of object.
 *   <li>INSERT … VALUES literals are kept as {@link dev.lakegate.lake.sql.Literal}s and converted
 *       strictly against the table schema by {@code InsertValues.rowsFor}.
 *   <li>Nesting of types, values and parentheses is bounded; errors are {@link
 *       dev.lakegate.lake.sql.SqlParseException} with line and column.
 * </ul>
 */
package dev.lakegate.lake.sql;
