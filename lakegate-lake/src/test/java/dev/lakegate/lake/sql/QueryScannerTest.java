package dev.lakegate.lake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryScannerTest {
  private static final TableName EVENTS = new TableName("main", "telemetry", "events");
  private static final TableName USERS = new TableName("main", "crm", "users");

  @Test
  void findsTablesInFromJoinsAndCommaLists() {
    Query q = query("""
        SELECT e.id, u.name FROM main.telemetry.events e
        LEFT OUTER JOIN main.crm.users AS u ON e.uid = u.id, system.usage.requests r
        WHERE e.id > 0""");
    assertThat(names(q)).containsExactly(EVENTS, USERS, new TableName("system", "usage", "requests"));
    TableRef first = q.tables().getFirst();
    assertThat(q.sql().substring(first.start(), first.end())).isEqualTo("main.telemetry.events");
    assertThat(first.pos()).isEqualTo(new Pos(1, 26, 25));
    assertThat(q.tables()).allMatch(TableRef::aliased);
    assertThat(q.tables().get(1).pos().line()).isEqualTo(2);
  }

  @Test
  void findsTablesInSubqueriesCtesAndSetOperations() {
    Query q = query("""
        WITH recent AS (SELECT * FROM main.telemetry.events WHERE ts > 0)
        SELECT * FROM recent WHERE uid IN (SELECT id FROM main.crm.users)
        AND EXISTS (SELECT 1 FROM (SELECT * FROM main.a.b) x JOIN (main.a.c JOIN main.a.d ON true) ON true)
        UNION ALL SELECT * FROM main.a.e""");
    assertThat(names(q)).containsExactly(EVENTS, USERS, new TableName("main", "a", "b"),
        new TableName("main", "a", "c"), new TableName("main", "a", "d"), new TableName("main", "a", "e"));
  }

  @Test
  void ignoresStringsCommentsColumnPathsAndFunctionFroms() {
    Query q = query("""
        SELECT 'FROM main.x.y', "FROM main.x.z", m.gauge.value, -- FROM main.x.w
               EXTRACT(YEAR FROM m.ts.inner), substring(s FROM 2), /* JOIN main.x.v */ 1
        FROM main.telemetry.events m, read_parquet('a.b.c') p, range(3), LATERAL unnest(m.list)""");
    assertThat(names(q)).containsExactly(EVENTS);
  }

  @Test
  void quotedIdentifiersInBothStyles() {
    Query q = query("SELECT * FROM `Main`.`telemetry`.`events` JOIN \"main\".\"crm\".\"USERS\" USING (id)");
    assertThat(names(q)).containsExactly(EVENTS, USERS);
    assertThat(q.tables()).noneMatch(TableRef::aliased);
    assertThat(q.sql().substring(q.tables().get(1).start(), q.tables().get(1).end()))
        .isEqualTo("\"main\".\"crm\".\"USERS\"");
  }

  @Test
  void queryTextStopsAtTheLastTokenAndOffsetsAreRelativeToIt() {
    Query q = query("  -- lead\n  SELECT * FROM main.telemetry.events ; -- trailing");
    assertThat(q.sql()).isEqualTo("SELECT * FROM main.telemetry.events");
    assertThat(q.tables().getFirst().start()).isEqualTo(14);
    assertThat(q.tables().getFirst().pos().line()).isEqualTo(2);
  }

  @Test
  void duckDbStringRulesDecideWhereStringsEnd() {
    // In DuckDB a backslash does not escape: 'a\' is a whole string and main.x.y is a real table.
    Query q = query("SELECT 'a\\' FROM main.x.y, 'it''s FROM main.x.z'");
    assertThat(names(q)).containsExactly(new TableName("main", "x", "y"));
  }

  @Test
  void noTablesIsFine() {
    assertThat(query("SELECT 1 + 1, now()").tables()).isEmpty();
    assertThat(query("(SELECT 1) UNION (SELECT 2)").tables()).isEmpty();
  }

  private static Query query(String sql) {
    return ((Statement.Select) SqlParser.parse(sql)).query();
  }

  private static List<TableName> names(Query q) {
    return q.tables().stream().map(TableRef::name).toList();
  }
}
