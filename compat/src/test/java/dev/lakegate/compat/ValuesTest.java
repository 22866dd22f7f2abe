package dev.lakegate.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.sql.SqlParser;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The comparison the Spark tests rely on, checked without Spark: it must see a change anywhere in
 * a row (deep in a struct in an array, in a map value, a double's sign bit) and nothing else.
 */
class ValuesTest {
  private static final StructType METRICS = OtelTable.METRICS.parsed().columns();

  @Test
  void diffFindsEveryChangeAndOnlyChanges() {
    List<Row> rows = new RowGenerator(OtelTable.METRICS, METRICS, 1).rows(60);
    Map<String, Row> expected = Values.byKey(rows, METRICS, "name");
    assertThat(Values.diff(METRICS, expected, Values.byKey(new ArrayList<>(rows), METRICS, "name"), 10)).isEmpty();

    // A row whose histogram has an exemplar with attributes: change one map value in place.
    int histogram = METRICS.indexOf("histogram");
    int exemplars = ((StructType) METRICS.at(histogram).getDataType()).indexOf("exemplars");
    Row target = rows.stream()
        .filter(r -> r.get(histogram) instanceof Row h && h.get(exemplars) instanceof List<?> l && !l.isEmpty()
            && l.get(0) instanceof Row e && e.get(4) instanceof Map<?, ?> m && !m.isEmpty())
        .findFirst().orElseThrow();
    Object[] top = target.values();
    Object[] h = ((Row) top[histogram]).values();
    List<Object> ex = new ArrayList<>((List<?>) h[exemplars]);
    Object[] e0 = ((Row) ex.get(0)).values();
    Map<Object, Object> attrs = new LinkedHashMap<>((Map<?, ?>) e0[4]);
    Object key = attrs.keySet().iterator().next();
    attrs.put(key, "changed");
    e0[4] = attrs;
    ex.set(0, Row.of(e0));
    h[exemplars] = ex;
    top[histogram] = Row.of(h);
    Map<String, Row> changed = new TreeMap<>(expected);
    changed.put((String) top[0], Row.of(top));
    assertThat(Values.diff(METRICS, expected, changed, 10))
        .singleElement().asString()
        .startsWith(top[0] + ": histogram.exemplars[0].filtered_attributes{\"" + key + "\"")
        .contains("but was \"changed\"");
  }

  @Test
  void doublesCompareBitForBitExceptNaN() {
    StructType t = SqlParser.parseColumns("k STRING, d DOUBLE");
    Map<String, Row> zero = Map.of("a", Row.of("a", 0.0));
    Map<String, Row> negZero = Map.of("a", Row.of("a", -0.0));
    assertThat(Values.diff(t, zero, negZero, 5)).hasSize(1);
    assertThat(Values.diff(t, Map.of("a", Row.of("a", Double.NaN)), Map.of("a", Row.of("a", Double.NaN)), 5)).isEmpty();
  }
}
