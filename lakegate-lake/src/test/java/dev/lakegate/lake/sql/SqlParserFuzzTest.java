package dev.lakegate.lake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target: a statement as {@code POST /api/2.0/sql/statements} hands it to {@link SqlParser}
 * (and a view's stored query, a column list, a type). Arbitrary text either parses or fails with a
 * {@link SqlParseException} (a 400) whose position lies within the text; a parsed query's table
 * references lie within its text too. Seeds: SPEC §6 statements in {@code SqlParserFuzzTestInputs/parse/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SqlParserFuzzTest {

    @FuzzTest
    void parse(byte[] data) {
        String sql = new String(data, StandardCharsets.UTF_8);
        accepted(sql, s -> {
            if (SqlParser.parse(s) instanceof Statement.Select select) {
                references(select.query());
            }
        });
        accepted(sql, s -> references(SqlParser.parseQuery(s)));
        accepted(sql, SqlParser::parseColumns);
        accepted(sql, SqlParser::parseType);
    }

    private static void accepted(String sql, Consumer<String> parse) {
        try {
            parse.accept(sql);
        } catch (SqlParseException e) {
            Pos pos = e.pos();
            assertThat(pos.offset()).as(e.getMessage()).isBetween(0, sql.length());
            assertThat(pos.line()).as(e.getMessage()).isBetween(1, (int) sql.lines().count() + 1);
            assertThat(pos.column()).as(e.getMessage()).isBetween(1, sql.length() + 1);
            assertThat(e.problem()).isNotBlank();
        }
    }

    private static void references(Query query) {
        for (TableRef ref : query.tables()) {
            assertThat(ref.start()).isBetween(0, ref.end());
            assertThat(ref.end()).isLessThanOrEqualTo(query.sql().length());
        }
    }
}
