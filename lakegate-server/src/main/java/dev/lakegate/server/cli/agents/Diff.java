package dev.lakegate.server.cli.agents;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two small texts (configuration files), with three lines of context around each change. */
final class Diff {
    private static final int CONTEXT = 3;

    private record Op(char sign, String line, int oldLine, int newLine) {}

    private Diff() {}

    /** The diff of {@code before} (null: no file) and {@code after}, with {@code ---}/{@code +++} headers naming the file. */
    static String unified(String name, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Op> ops = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : name).append('\n');
        out.append("+++ ").append(name).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).sign == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int lastChange = i;
            for (int j = i; j < ops.size() && j - lastChange <= 2 * CONTEXT; j++) {
                if (ops.get(j).sign != ' ') {
                    lastChange = j; // changes closer than twice the context share a hunk
                }
            }
            int end = Math.min(ops.size() - 1, lastChange + CONTEXT);
            hunk(out, ops.subList(start, end + 1));
            i = end + 1;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Op> ops) {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Op op : ops) {
            if (op.sign != '+') {
                oldStart = oldStart == 0 ? op.oldLine : oldStart;
                oldCount++;
            }
            if (op.sign != '-') {
                newStart = newStart == 0 ? op.newLine : newStart;
                newCount++;
            }
        }
        out.append("@@ -").append(range(oldStart == 0 ? ops.getFirst().oldLine : oldStart, oldCount))
                .append(" +").append(range(newStart == 0 ? ops.getFirst().newLine : newStart, newCount)).append(" @@\n");
        for (Op op : ops) {
            out.append(op.sign).append(op.line).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : (count == 0 ? start - 1 : start) + "," + count;
    }

    /** The shortest edit script by longest common subsequence; line numbers are 1-based. */
    private static List<Op> edits(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), ++i, ++j));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', a.get(i), ++i, j + 1));
            } else {
                ops.add(new Op('+', b.get(j), i + 1, ++j));
            }
        }
        return ops;
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }
}
