package dev.lakegate.lake.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a SQL tokenizer to find table names safely: it knows string literals, quoted
 * identifiers ({@code "x"}, {@code `x`}) and comments, so a name inside them is never taken for a
 * table. Everything else is a word or a one-character symbol. Never fails: DuckDB reports bad SQL.
 */
final class SqlLexer {
  enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL }

  /** {@code text} is the identifier without quotes for QUOTED, the source text otherwise. */
  record Token(Kind kind, String text, int start, int end) {
    boolean is(String symbolOrKeyword) {
      return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equalsIgnoreCase(symbolOrKeyword);
    }

    boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED;
    }
  }

  private SqlLexer() {}

  static List<Token> tokens(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = closingQuote(sql, i);
        String body = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("" + c + c, "" + c);
        out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, body, i, end));
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
        out.add(new Token(Kind.WORD, sql.substring(start, i), start, i));
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
        out.add(new Token(Kind.NUMBER, sql.substring(start, i), start, i));
      } else {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    return out;
  }

  /** Index just past the quote closing the one at {@code open} (a doubled quote is an escape). */
  private static int closingQuote(String sql, int open) {
    char q = sql.charAt(open);
    int i = open + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == q) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}
