package dev.lakegate.lake.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * Naming rules, in one place so the SQL parser, the REST API and the store agree.
 *
 * <p>Catalog, schema and table names follow Unity Catalog: case-insensitive, stored lower-case
 * (backquoted names too), at most 255 characters, and free of period, space, slash, backslash and
 * control characters. Those exclusions also make a name safe as a path segment of managed storage
 * ({@code ..} cannot be spelled). Column and field names keep their case and may hold anything
 * except the characters Delta refuses without column mapping.
 */
public final class Names {
  static final int MAX_LENGTH = 255;
  private static final String DELTA_FORBIDDEN = " ,;{}()\n\t=";

  private Names() {}

  /** Why {@code part} cannot name a catalog, schema or table, or empty when it can. */
  public static Optional<String> securableProblem(String part) {
    if (part.isEmpty()) return Optional.of("a name part must not be empty");
    if (part.length() > MAX_LENGTH) {
      return Optional.of("a name part is limited to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '.' || c == ' ' || c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
        return Optional.of("name '" + printable(part) + "' contains " + describe(c)
            + ", which catalog, schema and table names may not hold");
      }
    }
    return Optional.empty();
  }

  /** The stored form of a catalog, schema or table name part. */
  public static String normalize(String part) {
    securableProblem(part).ifPresent(p -> { throw new IllegalArgumentException(p); });
    return part.toLowerCase(Locale.ROOT);
  }

  /** Why {@code name} cannot name a column or struct field, or empty when it can. */
  public static Optional<String> columnProblem(String name) {
    if (name.isEmpty()) return Optional.of("a column name must not be empty");
    if (name.length() > MAX_LENGTH) {
      return Optional.of("a column name is limited to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (DELTA_FORBIDDEN.indexOf(c) >= 0 || c < 0x20 || c == 0x7f) {
        return Optional.of("column name '" + printable(name) + "' contains " + describe(c)
            + "; Delta tables without column mapping refuse any of ' ,;{}()=' and control characters");
      }
    }
    return Optional.empty();
  }

  /** Why {@code principal} cannot name a grantee, or empty when it can. Case is kept. */
  public static Optional<String> principalProblem(String principal) {
    if (principal.isBlank()) return Optional.of("a principal must not be blank");
    if (principal.length() > MAX_LENGTH) {
      return Optional.of("a principal is limited to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < principal.length(); i++) {
      char c = principal.charAt(i);
      if (c < 0x20 || c == 0x7f) return Optional.of("a principal may not contain " + describe(c));
    }
    return Optional.empty();
  }

  static String describe(char c) {
    return switch (c) {
      case ' ' -> "a space";
      case '.' -> "a period";
      case '\n' -> "a line break";
      case '\t' -> "a tab";
      default -> c < 0x20 || c == 0x7f ? String.format("control character U+%04X", (int) c) : "'" + c + "'";
    };
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(64).forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f) b.append(String.format("\\u%04x", cp)); else b.appendCodePoint(cp);
    });
    return s.codePointCount(0, s.length()) > 64 ? b + "…" : b.toString();
  }
}
