package dev.lakegate.lake.sql;

/**
 * A statement that cannot be parsed or is refused. The message reads {@code line 3, column 17:
 * expected '>' to close STRUCT<…> but found ','}; {@link #problem()} is the part after the
 * position, for surfaces that show the position separately. The server maps it to INVALID_REQUEST.
 */
public final class SqlParseException extends RuntimeException {
  @java.io.Serial private static final long serialVersionUID = 1L;
  private final Pos pos;
  private final String problem;

  public SqlParseException(Pos pos, String problem) {
    super(pos + ": " + problem, null, false, false);
    this.pos = pos;
    this.problem = problem;
  }

  public Pos pos() { return pos; }
  public int line() { return pos.line(); }
  public int column() { return pos.column(); }
  public String problem() { return problem; }
}
