package dev.lakegate.lake.wal;

/**
 * A value that does not fit its column, thrown while a row is encoded. The column path is built
 * on the way out (each level prepends its segment), so valid rows, nearly all of them, cost no
 * path strings. Stackless: it becomes an {@link IllegalArgumentException} at the top.
 */
final class Misfit extends RuntimeException {
  private final String problem;
  private String path = "";

  /** {@code problem} follows the column path in the message, e.g. {@code " is NOT NULL but got null"}. */
  Misfit(String problem) {
    super(null, null, false, false);
    this.problem = problem;
  }

  static Misfit notNull() {
    return new Misfit(" is NOT NULL but got null");
  }

  /** Prepends a path segment: {@code .field}, {@code [index]}, {@code [key]} or {@code .key}. */
  Misfit within(String segment) {
    path = segment + path;
    return this;
  }

  /** "Column {@code path}…", the row's top-level field first (without its leading dot). */
  @Override
  public String getMessage() {
    return "Column " + (path.startsWith(".") ? path.substring(1) : path) + problem;
  }
}
