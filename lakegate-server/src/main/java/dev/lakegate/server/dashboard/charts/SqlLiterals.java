package dev.lakegate.server.dashboard.charts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The only producer of literals in the dashboard's statements, which are rendered text (they must
 * pass the lake's parser and stay copy-pasteable), not bound parameters. Strings are quoted with
 * their quotes doubled; NUL and values over {@link #MAX_LENGTH} characters are refused, so no value
 * can end its literal early or smuggle text past it. The row filter and read guard hold even if
 * this failed; this keeps the statement the one the template meant.
 */
public final class SqlLiterals {
    /** The longest string value a filter may hold. */
    public static final int MAX_LENGTH = 200;
    // The query engine's session runs in UTC, as event_time is stored.
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SqlLiterals() {}

    /** {@code 'it''s'}. @throws IllegalArgumentException NUL, or longer than {@link #MAX_LENGTH} */
    public static String string(String value) {
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("contains a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code CAST(['a', 'b'] AS VARCHAR[])}, typed even when empty. */
    public static String stringList(List<String> values) {
        return values.stream().map(SqlLiterals::string).collect(Collectors.joining(", ", "CAST([", "] AS VARCHAR[])"));
    }

    /** {@code TIMESTAMP '2026-11-28 05:00:00'} in UTC, to the second (the dashboard's ranges are whole minutes). */
    public static String timestamp(Instant at) {
        return "TIMESTAMP '" + TIMESTAMP.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)) + "'";
    }

    public static String bigint(long value) {
        return Long.toString(value);
    }

    /** A finite double, in Java's shortest round-tripping text ({@code 25.0}, {@code 1.0E-5}), which DuckDB reads back exactly. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("is not a finite number");
        }
        return Double.toString(value);
    }
}
