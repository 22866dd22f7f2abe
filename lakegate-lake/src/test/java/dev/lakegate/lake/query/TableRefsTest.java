package dev.lakegate.lake.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.delta.TableSnapshot;
import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRefsTest {
  static List<String> names(String sql) {
    return TableRefs.find(sql).stream().map(TableRef::name).toList();
  }

  @Test
  void findsTablesAfterFromJoinAndCommasAtAnyDepth() {
    assertThat(names("SELECT a.b.c FROM x.y.z")).containsExactly("x.y.z");
    assertThat(names("SELECT * FROM a.b.c t JOIN d.e.f u ON t.k = u.k, g.h.i LEFT JOIN j.k.l USING (k)"))
        .containsExactly("a.b.c", "d.e.f", "g.h.i", "j.k.l");
    assertThat(names("SELECT (SELECT max(v) FROM p.q.r) FROM (SELECT * FROM s.t.u) x WHERE k IN (SELECT k FROM v.w.x)"))
        .containsExactly("p.q.r", "s.t.u", "v.w.x");
    assertThat(names("WITH c AS (SELECT * FROM a.b.c) SELECT * FROM c UNION ALL SELECT * FROM d.e.f"))
        .containsExactly("a.b.c", "d.e.f");
    assertThat(names("FROM system.ai_gateway.usage SELECT count(*)")).containsExactly("system.ai_gateway.usage");
    assertThat(names("SELECT * FROM (a.b.c JOIN d.e.f USING (k)), ((SELECT 1 FROM g.h.i))"))
        .containsExactly("a.b.c", "d.e.f", "g.h.i");
  }

  @Test
  void ignoresColumnPathsStringsCommentsAndFunctions() {
    assertThat(names("SELECT m.sum.value, f(a, b.c.d) FROM t m WHERE x.y.z = 'FROM a.b.c' GROUP BY m.sum.value, q.r.s"))
        .isEmpty();
    assertThat(names("SELECT 1 -- FROM a.b.c\n /* JOIN d.e.f */ FROM read_parquet('x'), a.b.fn(1)")).isEmpty();
    assertThat(names("SELECT * FROM a.b")).isEmpty();
    assertThat(names("SELECT EXTRACT(YEAR FROM m.sum.ts), substring(x FROM 2) FROM c.s.t m"))
        .containsExactly("c.s.t");
  }

  @Test
  void handlesQuotedPartsAndKeepsExactPositions() {
    String sql = "SELECT * FROM `my cat`.\"s\".t1 AS x";
    TableRef ref = TableRefs.find(sql).getFirst();
    assertThat(ref.parts()).containsExactly("my cat", "s", "t1");
    assertThat(sql.substring(ref.start(), ref.end())).isEqualTo("`my cat`.\"s\".t1");
    assertThat(TableRefs.aliasFollows(sql, ref.end())).isTrue();
  }

  @Test
  void knowsWhenAnAliasFollows() {
    assertThat(TableRefs.aliasFollows("a.b.c m", 5)).isTrue();
    assertThat(TableRefs.aliasFollows("a.b.c \"m\"", 5)).isTrue();
    assertThat(TableRefs.aliasFollows("a.b.c WHERE 1", 5)).isFalse();
    assertThat(TableRefs.aliasFollows("a.b.c LEFT JOIN", 5)).isFalse();
    assertThat(TableRefs.aliasFollows("a.b.c)", 5)).isFalse();
    assertThat(TableRefs.aliasFollows("a.b.c", 5)).isFalse();
  }

  @Test
  void rewriteQuotesNamesAndAddsSparksDefaultAlias() {
    String sql = "SELECT usage.x FROM system.ai_gateway.usage WHERE 1 = 1";
    TableSnapshot none = new TableSnapshot("file:/t", 0, new StructType(), Map.of(), List.of());
    assertThat(SqlEngine.plan(sql, TableRefs.find(sql), name -> none).query().sql())
        .isEqualTo("SELECT usage.x FROM \"system.ai_gateway.usage\" AS \"usage\" WHERE 1 = 1");
  }
}
