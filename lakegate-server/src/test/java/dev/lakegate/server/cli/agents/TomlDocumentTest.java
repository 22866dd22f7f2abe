package dev.lakegate.server.cli.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomlDocumentTest {

    private static String set(String toml, List<String> table, String key, String value) {
        TomlDocument doc = TomlDocument.parse(toml);
        doc.set(table, key, value);
        return doc.text();
    }

    @Test
    void anEmptyFileGetsTopLevelKeysThenTables() {
        TomlDocument doc = TomlDocument.parse(null);
        doc.set(List.of("a", "b c"), "k", "1");
        doc.set(List.of(), "top", "true");
        assertThat(doc.text()).isEqualTo("top = true\n\n[a.\"b c\"]\nk = 1\n");
    }

    @Test
    void replacesInPlaceKeepingIndentationCommentsAndLineEndings() {
        assertThat(set("# head\r\n[t]\r\n  k = 1 # old\r\n  other = 'x'\r\n", List.of("t"), "k", "2"))
                .isEqualTo("# head\r\n[t]\r\n  k = 2\r\n  other = 'x'\r\n");
    }

    @Test
    void multiLineValuesAreOneStatement() {
        String toml = """
                a = \"\"\"
                [not.a.table]
                k = "inside a string"
                \"\"\"
                b = [
                  { x = "]" },
                  [1, 2],
                ]
                c = 'lit'
                """;
        assertThat(set(toml, List.of(), "a", "\"short\"")).isEqualTo("""
                a = "short"
                b = [
                  { x = "]" },
                  [1, 2],
                ]
                c = 'lit'
                """);
        assertThat(set(toml, List.of(), "d", "4")).endsWith("c = 'lit'\nd = 4\n");
        assertThat(set(toml, List.of("not", "a", "table"), "k", "1")).endsWith("c = 'lit'\n\n[not.a.table]\nk = 1\n");
    }

    @Test
    void quotedAndDottedKeysMatch() {
        assertThat(set("[\"t\"]\n\"k\" = 1\n", List.of("t"), "k", "2")).isEqualTo("[\"t\"]\nk = 2\n");
        // A dotted definition of the same setting elsewhere is replaced by the one in its table.
        assertThat(set("analytics.enabled = true\nx = 1\n", List.of("analytics"), "enabled", "false"))
                .isEqualTo("x = 1\n\n[analytics]\nenabled = false\n");
        assertThat(set("[a]\nb.c = 1\n", List.of("a", "b"), "c", "2")).isEqualTo("[a]\n\n[a.b]\nc = 2\n");
    }

    @Test
    void subTablesOfTheValueAreReplacedOthersKept() {
        String toml = """
                [otel]
                environment = "prod"

                [otel.exporter.otlp-http]
                endpoint = "x"

                [otel.exporter.otlp-http.headers]
                a = "b"

                [other]
                k = 1
                """;
        assertThat(set(toml, List.of("otel"), "exporter", "\"none\"")).isEqualTo("""
                [otel]
                environment = "prod"
                exporter = "none"

                [other]
                k = 1
                """);
    }

    @Test
    void refusesWhatCannotBeEditedInPlace() {
        assertThatThrownBy(() -> set("otel = { exporter = \"none\" }\n", List.of("otel"), "exporter", "1"))
                .isInstanceOf(ConfigFailure.class).hasMessageContaining("Cannot set otel.exporter").hasMessageContaining("line 1");
        assertThatThrownBy(() -> set("[[model_providers]]\nname = 'x'\n", List.of("model_providers", "lakegate"), "name", "1"))
                .hasMessageContaining("array of tables");
        assertThatThrownBy(() -> set("[model_providers]\nlakegate.query_params = {}\n", List.of("model_providers", "lakegate"), "name", "1"))
                .hasMessageContaining("already defined with dotted keys");
        assertThatThrownBy(() -> TomlDocument.parse("[broken\n")).hasMessageContaining("line 1").hasMessageContaining("']' was expected");
        assertThatThrownBy(() -> TomlDocument.parse("a = [1,\n")).hasMessageContaining("a value that never ends");
    }

    @Test
    void stringsAreEscaped() {
        assertThat(TomlDocument.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
        assertThat(TomlDocument.key("otlp-http")).isEqualTo("otlp-http");
        assertThat(TomlDocument.key("X.Y")).isEqualTo("\"X.Y\"");
    }
}
