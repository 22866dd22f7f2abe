package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.protocol.error.GatewayException;
import io.delta.kernel.types.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query result values (as DuckDB's results give them) into the Java values a Delta column takes. */
class QueryValuesTest {

    @Test
    void numbersFitOrAreRefused() {
        assertThat(convert(7, "BIGINT")).isEqualTo(7L);
        assertThat(convert(3.0, "INT")).isEqualTo(3);
        assertThat(convert(new BigDecimal("1.005"), "DECIMAL(5,2)")).isEqualTo(new BigDecimal("1.01"));
        assertThat(convert(2L, "DOUBLE")).isEqualTo(2.0);
        assertThat(convert("NaN", "DOUBLE")).isEqualTo(Double.NaN);
        assertThat(convert(1.5, "STRING")).isEqualTo("1.5");
        assertThatThrownBy(() -> convert(3.5, "INT")).hasMessage("the value 3.5 does not fit column 'c' of type INT");
        assertThatThrownBy(() -> convert(300, "TINYINT")).hasMessage("the value 300 does not fit column 'c' of type TINYINT");
        assertThatThrownBy(() -> convert("12", "INT")).isInstanceOf(GatewayException.class)
                .hasMessage("column 'c' is INT but the query gives text '12'; CAST it in the SELECT");
    }

    @Test
    void datesTimesAndBinary() {
        assertThat(convert("2025-01-31", "DATE")).isEqualTo(LocalDate.of(2025, 1, 31));
        assertThat(convert("2025-01-31T12:00:00.5Z", "TIMESTAMP")).isEqualTo(Instant.parse("2025-01-31T12:00:00.5Z"));
        assertThat(convert("2025-01-31T12:00:00", "TIMESTAMP")).isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
        assertThat(convert("2025-01-31", "TIMESTAMP_NTZ")).isEqualTo(LocalDateTime.parse("2025-01-31T00:00:00"));
        assertThat((byte[]) convert("aGk=", "BINARY")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat((byte[]) QueryValues.convert("hi", SqlParser.parseType("BINARY"), "c", true)).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> convert("soon", "DATE")).hasMessage("'soon' is not a valid DATE for column 'c'");
    }

    @Test
    void nestedValuesByPositionAndMapKeysByType() {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("x", 1);
        struct.put("y", List.of("a", "b"));
        Object[] out = (Object[]) convert(struct, "STRUCT<a: BIGINT, b: ARRAY<STRING>>");
        assertThat(out).containsExactly(1L, List.of("a", "b"));
        assertThat(convert(Map.of("7", 1.5), "MAP<INT, DOUBLE>")).isEqualTo(Map.of(7, 1.5));
        assertThatThrownBy(() -> convert(Map.of("k", 1), "MAP<INT, DOUBLE>")).hasMessage("the map key 'k' is not a valid INT for column 'c'");
        assertThatThrownBy(() -> convert(Map.of("x", 1), "STRUCT<a: INT, b: INT>"))
                .hasMessage("column 'c' is struct<a:int,b:int> but the query gives a struct or map; CAST it in the SELECT");
    }

    private static Object convert(Object value, String type) {
        DataType t = SqlParser.parseType(type);
        return QueryValues.convert(value, t, "c", false);
    }
}
