package dev.lakegate.server.cli.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at {@code ;} outside strings ({@code '…'}, {@code "…"}, with
 * Spark's backslash escapes), quoted names ({@code `…`}) and comments ({@code --}, nested
 * {@code /* *\/}). Pieces holding only blanks and comments are dropped.
 */
final class Script {
    /** @param line the script line the statement's first token is on (1-based) */
    record Piece(String sql, int line) {}

    private Script() {}

    static List<Piece> split(String script) {
        List<Piece> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int depth = 0; // block comment nesting
        char quote = 0;
        boolean lineComment = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            char next = i + 1 < script.length() ? script.charAt(i + 1) : 0;
            boolean code = false;
            if (lineComment) {
                lineComment = c != '\n';
            } else if (depth > 0) {
                if (c == '*' && next == '/') {
                    depth--;
                    current.append(c);
                    c = script.charAt(++i);
                } else if (c == '/' && next == '*') {
                    depth++;
                    current.append(c);
                    c = script.charAt(++i);
                }
            } else if (quote != 0) {
                code = true;
                if (c == '\\' && quote != '`' && next != 0) {
                    current.append(c);
                    c = script.charAt(++i);
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '-' && next == '-') {
                lineComment = true;
            } else if (c == '/' && next == '*') {
                depth = 1;
                current.append(c);
                c = script.charAt(++i);
            } else if (c == ';') {
                add(out, current, startLine);
                current.setLength(0);
                startLine = -1;
                continue;
            } else {
                code = !Character.isWhitespace(c);
                if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                }
            }
            if (code && startLine < 0) {
                startLine = line;
            }
            if (c == '\n') {
                line++;
            }
            current.append(c);
        }
        add(out, current, startLine);
        return out;
    }

    private static void add(List<Piece> out, StringBuilder sql, int startLine) {
        if (startLine > 0) {
            out.add(new Piece(sql.toString().strip(), startLine));
        }
    }
}
