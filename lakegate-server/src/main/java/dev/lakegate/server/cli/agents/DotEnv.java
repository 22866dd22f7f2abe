package dev.lakegate.server.cli.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code .env} file edited line by line: {@link #set} replaces a variable's line or appends one; comments and the rest stay. */
final class DotEnv {
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*=");

    private final List<String> lines;

    private DotEnv(List<String> lines) {
        this.lines = lines;
    }

    static DotEnv parse(String text) {
        List<String> lines = new ArrayList<>();
        if (text != null && !text.isEmpty()) {
            lines.addAll(List.of(text.split("\r?\n", -1)));
            if (lines.getLast().isEmpty()) {
                lines.removeLast();
            }
        }
        return new DotEnv(lines);
    }

    /** Sets {@code name} to {@code value}, double-quoted; a second definition of the same name is removed. */
    void set(String name, String value) {
        if (value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException(name + " cannot hold quotes or line breaks in a .env file");
        }
        String line = name + "=\"" + value + "\"";
        boolean done = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ASSIGNMENT.matcher(lines.get(i));
            if (m.find() && m.group(1).equals(name)) {
                if (done) {
                    lines.remove(i--);
                } else {
                    lines.set(i, line);
                    done = true;
                }
            }
        }
        if (!done) {
            lines.add(line);
        }
    }

    String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
