package dev.lakegate.server.cli.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A TOML file edited line by line: {@link #set} puts one key into one table and leaves every other
 * line — comments, order, formatting — as it was. Enough TOML is understood to find statements
 * (table headers, dotted and quoted keys, multi-line strings and arrays); values are never parsed.
 * A key already defined in a form that cannot be edited in place (inside an inline table or an array
 * of tables) is refused with a message naming the line, rather than producing an invalid file.
 */
final class TomlDocument {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private enum Kind { HEADER, KEY }

    /**
     * One statement.
     *
     * @param path the header's table path, or the key's dotted path
     * @param table the table a key is in (a header: its own path)
     * @param inArray the statement belongs to an array of tables ({@code [[…]]})
     */
    private record Statement(Kind kind, int first, int last, List<String> path, List<String> table, boolean inArray) {
        List<String> absolute() {
            if (kind == Kind.HEADER) {
                return path;
            }
            List<String> all = new ArrayList<>(table);
            all.addAll(path);
            return all;
        }
    }

    private final List<String> lines;
    private final String newline;

    private TomlDocument(List<String> lines, String newline) {
        this.lines = lines;
        this.newline = newline;
    }

    static TomlDocument parse(String text) {
        if (text == null || text.isEmpty()) {
            return new TomlDocument(new ArrayList<>(), "\n");
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast(); // the final newline
        }
        TomlDocument doc = new TomlDocument(lines, newline);
        doc.scan(); // refuse what cannot be read now, not halfway through an edit
        return doc;
    }

    String text() {
        return lines.isEmpty() ? "" : String.join(newline, lines) + newline;
    }

    /**
     * Sets {@code key} in {@code table} (empty: the top level) to {@code value}, a TOML value as written
     * ({@link #string}, {@link #inlineTable}, {@code true}). Other definitions of the same setting — dotted
     * keys, or sub-tables such as {@code [otel.exporter.otlp-http]} when setting {@code otel.exporter} — are
     * removed, so the file states it once.
     */
    void set(List<String> table, String key, String value) {
        List<String> full = new ArrayList<>(table);
        full.add(key);
        removeOtherDefinitions(table, key, full);
        List<Statement> statements = scan();
        for (Statement s : statements) {
            if (s.kind == Kind.KEY && !s.inArray && s.table.equals(table) && s.path.equals(List.of(key))) {
                for (int i = s.last; i > s.first; i--) {
                    lines.remove(i);
                }
                lines.set(s.first, indentOf(lines.get(s.first)) + key(key) + " = " + value);
                return;
            }
        }
        insert(statements, table, key(key) + " = " + value);
    }

    /** A TOML basic string. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** An inline table of values already written as TOML, e.g. {@code { a = "x", b = true }}. */
    static String inlineTable(Map<String, String> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(key(k) + " = " + v));
        return parts.isEmpty() ? "{}" : "{ " + String.join(", ", parts) + " }";
    }

    static Map<String, String> entries(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static String key(String k) {
        return BARE_KEY.matcher(k).matches() ? k : string(k);
    }

    private void removeOtherDefinitions(List<String> table, String key, List<String> full) {
        List<Statement> statements = scan();
        boolean[] drop = new boolean[lines.size()];
        for (int n = 0; n < statements.size(); n++) {
            Statement s = statements.get(n);
            List<String> abs = s.absolute();
            boolean exact = s.kind == Kind.KEY && !s.inArray && s.table.equals(table) && s.path.equals(List.of(key));
            if (s.inArray && s.kind == Kind.HEADER && startsWith(full, abs)) {
                throw refuse(s, full, "is inside an array of tables");
            }
            if (s.inArray || exact) {
                continue;
            }
            if (s.kind == Kind.KEY && abs.size() < full.size() && startsWith(full, abs)) {
                throw refuse(s, full, "would be inside the inline value set there");
            }
            if (startsWith(abs, full)) {
                int last = s.kind == Kind.HEADER ? sectionEnd(statements, n) : s.last;
                for (int i = s.first; i <= last; i++) {
                    drop[i] = true;
                }
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (drop[i]) {
                lines.remove(i);
                // where a section went, do not leave a blank line before another blank line or the end
                if (i > 0 && lines.get(i - 1).isBlank() && (i == lines.size() || lines.get(i).isBlank())) {
                    lines.remove(--i);
                }
            }
        }
    }

    private ConfigFailure refuse(Statement s, List<String> full, String why) {
        return new ConfigFailure("Cannot set " + String.join(".", full) + ": it " + why + " on line " + (s.first + 1)
                + " (" + lines.get(s.first).strip() + "); move that setting into a [table] section by hand, then run again");
    }

    /** The last line of a header's section: before the next header, trailing blank and comment lines left to the next. */
    private int sectionEnd(List<Statement> statements, int headerIndex) {
        int end = statements.get(headerIndex).last;
        for (int n = headerIndex + 1; n < statements.size() && statements.get(n).kind == Kind.KEY; n++) {
            end = statements.get(n).last;
        }
        return end;
    }

    private void insert(List<Statement> statements, List<String> table, String line) {
        if (table.isEmpty()) {
            int at = -1;
            int firstHeader = -1;
            for (Statement s : statements) {
                if (s.kind == Kind.HEADER) {
                    firstHeader = s.first;
                    break;
                }
                at = s.last;
            }
            if (at >= 0) {
                lines.add(at + 1, line);
            } else if (firstHeader >= 0) {
                lines.add(firstHeader, line);
                lines.add(firstHeader + 1, "");
            } else {
                lines.add(line);
            }
            return;
        }
        for (int n = 0; n < statements.size(); n++) {
            Statement s = statements.get(n);
            if (s.kind == Kind.HEADER && !s.inArray && s.path.equals(table)) {
                lines.add(sectionEnd(statements, n) + 1, line);
                return;
            }
        }
        for (Statement s : statements) {
            boolean fromAncestor = s.table.size() < table.size() && startsWith(table, s.table);
            if (s.kind == Kind.KEY && !s.inArray && fromAncestor && startsWith(s.absolute(), table)) {
                throw refuse(s, table, "is already defined with dotted keys");
            }
        }
        if (!lines.isEmpty() && !lines.getLast().isBlank()) {
            lines.add("");
        }
        lines.add("[" + String.join(".", table.stream().map(TomlDocument::key).toList()) + "]");
        lines.add(line);
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    private static String indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(0, i);
    }

    // ---- reading --------------------------------------------------------------------------------

    private List<Statement> scan() {
        List<Statement> out = new ArrayList<>();
        List<String> table = List.of();
        boolean inArray = false;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                i++;
                continue;
            }
            Cursor c = new Cursor(line, i);
            c.skipSpace();
            if (c.peek() == '[') {
                boolean array = line.startsWith("[[", c.pos);
                c.pos += array ? 2 : 1;
                List<String> path = c.keyPath();
                c.skipSpace();
                c.expect(array ? "]]" : "]");
                c.expectEnd();
                out.add(new Statement(Kind.HEADER, i, i, path, path, array));
                table = path;
                inArray = array;
                i++;
                continue;
            }
            List<String> path = c.keyPath();
            c.skipSpace();
            c.expect("=");
            int last = valueEnd(i, c.pos);
            out.add(new Statement(Kind.KEY, i, last, path, table, inArray));
            i = last + 1;
        }
        return out;
    }

    /** The last line of a value starting at {@code (line, col)}: multi-line strings and arrays run on. */
    private int valueEnd(int line, int col) {
        int depth = 0;
        int li = line;
        int p = col;
        while (true) {
            String s = lines.get(li);
            while (p < s.length()) {
                char ch = s.charAt(p);
                if (s.startsWith("\"\"\"", p) || s.startsWith("'''", p)) {
                    String close = s.substring(p, p + 3);
                    p += 3;
                    while (true) {
                        int found = findClose(lines.get(li), p, close);
                        if (found >= 0) {
                            p = found + 3;
                            while (p < lines.get(li).length() && lines.get(li).charAt(p) == close.charAt(0)) {
                                p++; // """"" : up to two quotes may end the content
                            }
                            break;
                        }
                        li = nextLine(li, line);
                        p = 0;
                    }
                    s = lines.get(li);
                    continue;
                }
                if (ch == '"' || ch == '\'') {
                    int found = findClose(s, p + 1, String.valueOf(ch));
                    if (found < 0) {
                        throw new ConfigFailure("line " + (li + 1) + ": unterminated string: " + s.strip());
                    }
                    p = found + 1;
                    continue;
                }
                if (ch == '#') {
                    break;
                }
                if (ch == '[' || ch == '{') {
                    depth++;
                } else if (ch == ']' || ch == '}') {
                    depth--;
                }
                p++;
            }
            if (depth <= 0) {
                return li;
            }
            li = nextLine(li, line);
            p = 0;
        }
    }

    private int nextLine(int li, int started) {
        if (li + 1 >= lines.size()) {
            throw new ConfigFailure("line " + (started + 1) + ": a value that never ends: " + lines.get(started).strip());
        }
        return li + 1;
    }

    /** Where {@code close} starts at or after {@code from}; in basic strings a backslash escapes the next character. */
    private static int findClose(String s, int from, String close) {
        boolean basic = close.charAt(0) == '"';
        for (int p = from; p < s.length(); p++) {
            if (basic && s.charAt(p) == '\\') {
                p++;
            } else if (s.startsWith(close, p)) {
                return p;
            }
        }
        return -1;
    }

    /** Reads keys on one line. */
    private static final class Cursor {
        final String s;
        final int line;
        int pos;

        Cursor(String s, int line) {
            this.s = s;
            this.line = line;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        List<String> keyPath() {
            List<String> keys = new ArrayList<>();
            while (true) {
                skipSpace();
                keys.add(simpleKey());
                skipSpace();
                if (peek() != '.') {
                    return keys;
                }
                pos++;
            }
        }

        String simpleKey() {
            char c = peek();
            if (c == '"' || c == '\'') {
                int end = findClose(s, pos + 1, String.valueOf(c));
                if (end < 0) {
                    throw fail("an unterminated quoted key");
                }
                String raw = s.substring(pos + 1, end);
                pos = end + 1;
                return c == '"' ? unescape(raw) : raw;
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (start == pos) {
                throw fail("a key was expected");
            }
            return s.substring(start, pos);
        }

        void expect(String token) {
            if (!s.startsWith(token, pos)) {
                throw fail("'" + token + "' was expected");
            }
            pos += token.length();
        }

        void expectEnd() {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) != '#') {
                throw fail("nothing but a comment may follow a table header");
            }
        }

        ConfigFailure fail(String what) {
            return new ConfigFailure("Cannot read the TOML on line " + (line + 1) + " (" + s.strip() + "): " + what
                    + "; fix the file, then run again");
        }

        private static String unescape(String raw) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != '\\' || i + 1 >= raw.length()) {
                    b.append(c);
                    continue;
                }
                char e = raw.charAt(++i);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(raw.substring(i + 1, Math.min(i + 5, raw.length())), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
            return b.toString();
        }
    }
}
