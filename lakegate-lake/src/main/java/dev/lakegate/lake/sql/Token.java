package dev.lakegate.lake.sql;

import java.util.Locale;

/**
 * A lexical token. {@code text} is the value: a word as written, a quoted identifier or string
 * without its quotes and with escapes resolved, a number or symbol as written. {@code end} is the
 * offset just past the token in the source.
 */
record Token(Kind kind, String text, Pos pos, int end) {
  enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, SYMBOL, EOF }

  boolean isWord(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  boolean isSymbol(char c) {
    return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
  }

  boolean isIdentifier() {
    return kind == Kind.WORD || kind == Kind.QUOTED_IDENT;
  }

  String upper() {
    return text.toUpperCase(Locale.ROOT);
  }

  /** How error messages show the token: {@code ','}, {@code `a b`}, {@code end of input}. */
  String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case STRING -> "string '" + shorten(text) + "'";
      case QUOTED_IDENT -> "`" + shorten(text) + "`";
      case WORD, NUMBER, SYMBOL -> "'" + shorten(text) + "'";
    };
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
