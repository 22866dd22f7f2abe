package dev.lakegate.server.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTest {

    @Test
    void splitsAtSemicolonsOutsideStringsNamesAndComments() {
        List<Script.Piece> pieces = Script.split("""
                -- setup; not a statement
                CREATE CATALOG main;

                INSERT INTO main.s.t VALUES ('a;b', "c;d", 'it\\'s;');
                SELECT `odd;name` /* a ; /* nested ; */ still ; */ FROM main.s.t;
                /* only a comment; */
                """);
        assertThat(pieces).extracting(Script.Piece::line).containsExactly(2, 4, 5);
        assertThat(pieces.get(0).sql()).isEqualTo("-- setup; not a statement\nCREATE CATALOG main");
        assertThat(pieces.get(1).sql()).isEqualTo("INSERT INTO main.s.t VALUES ('a;b', \"c;d\", 'it\\'s;')");
        assertThat(pieces.get(2).sql()).isEqualTo("SELECT `odd;name` /* a ; /* nested ; */ still ; */ FROM main.s.t");
    }

    @Test
    void aLastStatementNeedsNoSemicolonAndBlanksAreNothing() {
        assertThat(Script.split("SHOW CATALOGS")).containsExactly(new Script.Piece("SHOW CATALOGS", 1));
        assertThat(Script.split(" ;\n; -- nothing\n")).isEmpty();
    }
}
