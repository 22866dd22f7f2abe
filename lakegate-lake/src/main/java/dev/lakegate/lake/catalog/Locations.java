package dev.lakegate.lake.catalog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rules for table locations (LOCATION, storage_location). Refused outright: relative paths, {@code
 * .} or {@code ..} segments (also percent-encoded), backslashes, control characters, and schemes
 * other than those SPEC §6 names. Whether a location may overlap managed storage or another table
 * is the store's decision; {@link #overlaps} is the test it needs.
 */
public final class Locations {
  private static final Set<String> SCHEMES = Set.of("file", "s3a", "abfss", "gs");

  private Locations() {}

  /** Why {@code location} is refused, or empty when it is acceptable. */
  public static Optional<String> problem(String location) {
    if (location.isBlank()) return Optional.of("LOCATION must not be empty");
    for (int i = 0; i < location.length(); i++) {
      char c = location.charAt(i);
      if (c < 0x20 || c == 0x7f) return Optional.of("LOCATION contains " + Names.describe(c));
      if (c == '\\') return Optional.of("LOCATION must use '/' separators, not '\\'");
    }
    int colon = location.indexOf(':');
    String path;
    if (location.startsWith("/")) {
      path = location;
    } else if (colon > 0 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
      if (scheme.equals("s3") || scheme.equals("s3n")) {
        return Optional.of("LOCATION scheme '" + scheme + "' is not supported; use s3a://");
      }
      if (!SCHEMES.contains(scheme)) {
        return Optional.of("LOCATION scheme '" + scheme + "' is not supported; use a local path or "
            + "one of file:, s3a://, abfss://, gs://");
      }
      String rest = location.substring(colon + 1);
      if (!scheme.equals("file") && (!rest.startsWith("//") || rest.length() <= 2 || rest.charAt(2) == '/')) {
        return Optional.of("LOCATION '" + location + "' needs a bucket or container: " + scheme + "://<bucket>/<path>");
      }
      if (!rest.startsWith("/")) return Optional.of("LOCATION '" + location + "' must be absolute");
      path = rest;
    } else {
      return Optional.of("LOCATION '" + Names.printable(location)
          + "' must be an absolute path or a URI (file:, s3a://, abfss://, gs://)");
    }
    for (String segment : path.split("/")) {
      String decoded = decode(segment);
      if (decoded.equals("..") || decoded.equals(".")) {
        return Optional.of("LOCATION '" + Names.printable(location)
            + "' contains a '" + decoded + "' segment; give the path without relative parts");
      }
    }
    return Optional.empty();
  }

  /** True when one location equals or contains the other, comparing normalized forms. */
  public static boolean overlaps(String a, String b) {
    String x = normalize(a), y = normalize(b);
    return within(x, y) || within(y, x);
  }

  /** True when {@code location} is {@code root} or inside it, comparing normalized forms. */
  public static boolean inside(String location, String root) {
    return within(normalize(location), normalize(root));
  }

  private static boolean within(String inner, String outer) {
    return inner.equals(outer) || inner.startsWith(outer.endsWith("/") ? outer : outer + "/");
  }

  /** {@code file:///p}, {@code file:/p} and {@code /p} are one place; repeated and trailing slashes dropped. */
  static String normalize(String location) {
    String prefix = "";
    String path = location;
    int sep = location.indexOf("://");
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      path = location.substring(5);
    } else if (sep > 0) {
      int slash = location.indexOf('/', sep + 3);
      String authority = slash < 0 ? location.substring(sep) : location.substring(sep, slash);
      prefix = location.substring(0, sep).toLowerCase(Locale.ROOT) + authority;
      path = slash < 0 ? "/" : location.substring(slash);
    }
    path = path.replaceAll("/{2,}", "/");
    if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
    return prefix + path;
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }
}
