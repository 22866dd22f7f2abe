package dev.lakegate.server.cli.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffTest {

    @Test
    void hunksWithThreeLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n";
        String after = before.replaceFirst("\n2\n", "\ntwo\n").replace("18\n", "18\n18b\n");
        assertThat(Diff.unified("f", before, after)).isEqualTo("""
                --- f
                +++ f
                @@ -1,5 +1,5 @@
                 1
                -2
                +two
                 3
                 4
                 5
                @@ -16,5 +16,6 @@
                 16
                 17
                 18
                +18b
                 19
                 20
                """);
    }

    @Test
    void newFile() {
        assertThat(Diff.unified("f", null, "a\nb\n")).isEqualTo("--- /dev/null\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    }
}
