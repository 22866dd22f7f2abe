package dev.lakegate.lake.sql;

import dev.lakegate.lake.sql.Token.Kind;

/**
 * Splits statement text into tokens on demand, skipping whitespace, {@code --} and (nested)
 * {@code /* *\/} comments. Two dialects: {@link Mode#SPARK} for our own statements ({@code '…'}
 * and {@code "…"} are strings with backslash escapes and {@code ''}) and {@link Mode#DUCKDB} for
 * query text passed to DuckDB ({@code '…'} strings with {@code ''} only, {@code "…"} identifiers),
 * so a query is cut exactly where DuckDB will cut it. Backquotes quote identifiers in both.
 */
final class Lexer {
  enum Mode { SPARK, DUCKDB }

  private final String src;
  private final Mode mode;
  private int i;
  private int line = 1;
  private int lineStart;

  Lexer(String src, Mode mode, int from) {
    this.src = src;
    this.mode = mode;
    for (int k = 0; k < from; k++) advance();
  }

  Token next() {
    skipSpaceAndComments();
    Pos pos = pos();
    if (i >= src.length()) return new Token(Kind.EOF, "", pos, i);
    char c = src.charAt(i);
    if (c == '\'' || c == '"' && mode == Mode.SPARK) return quoted(Kind.STRING, c, pos);
    if (c == '`' || c == '"') return quoted(Kind.QUOTED_IDENT, c, pos);
    if (Character.isLetter(c) || c == '_') return word(pos);
    if (isDigit(c) || c == '.' && i + 1 < src.length() && isDigit(src.charAt(i + 1))) return number(pos);
    if (mode == Mode.SPARK && "(),.;<>=:+-*/[]".indexOf(c) < 0) {
      String shown = c > 0x20 && c < 0x7f || Character.isLetterOrDigit(c) ? "'" + c + "'" : String.format("U+%04X", (int) c);
      throw new SqlParseException(pos, "unexpected character " + shown);
    }
    advance();
    return new Token(Kind.SYMBOL, String.valueOf(c), pos, i);
  }

  private Pos pos() {
    return new Pos(line, i - lineStart + 1, i);
  }

  private void advance() {
    char c = src.charAt(i++);
    if (c == '\n' || c == '\r' && (i >= src.length() || src.charAt(i) != '\n')) {
      line++;
      lineStart = i;
    }
  }

  private void skipSpaceAndComments() {
    while (i < src.length()) {
      char c = src.charAt(i);
      if (Character.isWhitespace(c)) {
        advance();
      } else if (src.startsWith("--", i)) {
        while (i < src.length() && src.charAt(i) != '\n' && src.charAt(i) != '\r') advance();
      } else if (src.startsWith("/*", i)) {
        blockComment();
      } else {
        return;
      }
    }
  }

  private void blockComment() {
    Pos start = pos();
    int depth = 0;
    do {
      if (i >= src.length()) throw new SqlParseException(start, "unterminated comment; close it with */");
      if (src.startsWith("/*", i)) {
        depth++;
        advance();
      } else if (src.startsWith("*/", i)) {
        depth--;
        advance();
      }
      advance();
    } while (depth > 0);
  }

  private Token word(Pos pos) {
    int start = i;
    while (i < src.length() && isWordPart(src.charAt(i))) advance();
    return new Token(Kind.WORD, src.substring(start, i), pos, i);
  }

  private boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' && mode == Mode.DUCKDB;
  }

  private Token number(Pos pos) {
    int start = i;
    digits();
    if (i < src.length() && src.charAt(i) == '.') {
      advance();
      digits();
    }
    if (i + 1 < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
      int sign = src.charAt(i + 1) == '+' || src.charAt(i + 1) == '-' ? 1 : 0;
      if (i + 1 + sign < src.length() && isDigit(src.charAt(i + 1 + sign))) {
        for (int k = 0; k <= sign; k++) advance();
        digits();
      }
    }
    return new Token(Kind.NUMBER, src.substring(start, i), pos, i);
  }

  private void digits() {
    while (i < src.length() && isDigit(src.charAt(i))) advance();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A quoted string or identifier; the quote character doubled stands for itself. */
  private Token quoted(Kind kind, char quote, Pos pos) {
    StringBuilder value = new StringBuilder();
    advance();
    while (true) {
      if (i >= src.length()) {
        String what = kind == Kind.STRING ? "string literal" : "quoted identifier";
        throw new SqlParseException(pos, "unterminated " + what + "; close it with " + quote);
      }
      char c = src.charAt(i);
      if (c == quote) {
        advance();
        if (i < src.length() && src.charAt(i) == quote) {
          value.append(quote);
          advance();
          continue;
        }
        return new Token(kind, value.toString(), pos, i);
      }
      if (c == '\\' && kind == Kind.STRING && mode == Mode.SPARK && i + 1 < src.length()) {
        Pos backslash = pos();
        advance();
        escape(value, backslash);
        continue;
      }
      value.append(c);
      advance();
    }
  }

  /** Spark's backslash escapes; unknown ones stand for the character itself. */
  private void escape(StringBuilder value, Pos at) {
    char c = src.charAt(i);
    advance();
    switch (c) {
      case 'n' -> value.append('\n');
      case 't' -> value.append('\t');
      case 'r' -> value.append('\r');
      case 'b' -> value.append('\b');
      case '0' -> value.append('\0');
      case 'Z' -> value.append('\u001a');
      case '%', '_' -> value.append('\\').append(c);
      case 'u' -> {
        if (i + 4 > src.length() || !src.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
          throw new SqlParseException(at, "expected four hex digits after \\u");
        }
        value.append((char) Integer.parseInt(src.substring(i, i + 4), 16));
        for (int k = 0; k < 4; k++) advance();
      }
      default -> value.append(c);
    }
  }
}
