package dev.lakegate.lake.sql;

/** A place in the statement text: 1-based line and column (in UTF-16 units), 0-based offset. */
public record Pos(int line, int column, int offset) implements java.io.Serializable {
  @Override public String toString() {
    return "line " + line + ", column " + column;
  }
}
