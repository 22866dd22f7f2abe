package dev.lakegate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.lake.sql.Statement;
import dev.lakegate.server.dashboard.charts.SqlLiterals;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLiteralsTest {

    @Test
    void stringsDoubleTheirQuotesAndRefuseNulAndLength() {
        assertThat(SqlLiterals.string("it's")).isEqualTo("'it''s'");
        assertThat(SqlLiterals.string("")).isEqualTo("''");
        assertThat(SqlLiterals.string("x".repeat(200))).hasSize(202);
        assertThatThrownBy(() -> SqlLiterals.string("x".repeat(201))).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> SqlLiterals.string("a\0")).hasMessageContaining("NUL");
    }

    @Test
    void noValueChangesTheStatementsShape() {
        for (String hostile : List.of("'", "''", "\\'", "' OR 1=1 --", "'; DROP TABLE x; --", "x' UNION ALL SELECT * FROM t --",
                "/* ' */", "\n'\r", "’ unicode quote", "$$ dollar $$", "\" ident")) {
            String sql = "SELECT 1 FROM system.ai_gateway.usage WHERE tool = " + SqlLiterals.string(hostile);
            assertThat(SqlParser.parse(sql)).as(hostile).isInstanceOf(Statement.Select.class);
            assertThat(sql).endsWith("'").doesNotContain(" UNION ALL SELECT * FROM t --'x");
        }
    }

    @Test
    void listsTimestampsAndNumbers() {
        assertThat(SqlLiterals.stringList(List.of("a", "b'c"))).isEqualTo("CAST(['a', 'b''c'] AS VARCHAR[])");
        assertThat(SqlLiterals.stringList(List.of())).isEqualTo("CAST([] AS VARCHAR[])");
        assertThat(SqlLiterals.timestamp(Instant.parse("2026-11-28T05:43:21.999Z"))).isEqualTo("TIMESTAMP '2026-11-28 05:43:21'");
        assertThat(SqlLiterals.bigint(-5)).isEqualTo("-5");
        assertThat(SqlLiterals.number(25.0)).isEqualTo("25.0");
        assertThatThrownBy(() -> SqlLiterals.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
