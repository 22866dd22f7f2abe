package dev.lakegate.lake.query;

/**
 * A query that could not run: DuckDB's own message (syntax, binding, type errors, with its
 * position hints), a statement that is not a single SELECT, an unknown table or a timeout. The
 * API layer answers 400 with {@link #getMessage()}.
 */
public class SqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SqlException(String message) {
    super(message);
  }

  public SqlException(String message, Throwable cause) {
    super(message, cause);
  }
}
