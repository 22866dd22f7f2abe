package dev.lakegate.lake.delta;

/**
 * A table operation the caller can fix: not a Delta table, a schema or property clash on create,
 * rows that do not fit the schema, a table feature Lakegate does not read. The message names the
 * table, the problem and the fix; callers map it to a 4xx.
 */
public class DeltaTableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeltaTableException(String message) {
    super(message);
  }

  public DeltaTableException(String message, Throwable cause) {
    super(message, cause);
  }
}
