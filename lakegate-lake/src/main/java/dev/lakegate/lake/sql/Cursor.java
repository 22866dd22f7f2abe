package dev.lakegate.lake.sql;

import dev.lakegate.lake.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Token lookahead and the expect-or-fail helpers every parser part shares. */
final class Cursor {
  private final String src;
  private final Lexer lexer;
  private final List<Token> ahead = new ArrayList<>();

  Cursor(String src) {
    this.src = src;
    this.lexer = new Lexer(src, Lexer.Mode.SPARK, 0);
  }

  String source() {
    return src;
  }

  Token peek() {
    return peek(0);
  }

  Token peek(int n) {
    while (ahead.size() <= n) {
      Token last = ahead.isEmpty() ? null : ahead.getLast();
      ahead.add(last != null && last.kind() == Kind.EOF ? last : lexer.next());
    }
    return ahead.get(n);
  }

  Token next() {
    Token t = peek();
    ahead.removeFirst();
    return t;
  }

  boolean atWord(String keyword) {
    return peek().isWord(keyword);
  }

  boolean atSymbol(char c) {
    return peek().isSymbol(c);
  }

  boolean acceptWord(String keyword) {
    if (!atWord(keyword)) return false;
    next();
    return true;
  }

  boolean acceptSymbol(char c) {
    if (!atSymbol(c)) return false;
    next();
    return true;
  }

  /** Consumes {@code IF NOT EXISTS} (or {@code IF EXISTS} when {@code not} is false) if present. */
  boolean acceptIf(boolean not) {
    if (!atWord("IF")) return false;
    next();
    if (not) expectWord("NOT", "after IF");
    expectWord("EXISTS", not ? "after IF NOT" : "after IF");
    return true;
  }

  Token expectWord(String keyword, String context) {
    if (!atWord(keyword)) throw expected(keyword, context);
    return next();
  }

  Token expectSymbol(char c, String context) {
    if (!atSymbol(c)) throw expected("'" + c + "'", context);
    return next();
  }

  Token expectIdentifier(String what) {
    if (!peek().isIdentifier()) throw expected(what, "");
    return next();
  }

  Token expectString(String what) {
    if (peek().kind() != Kind.STRING) throw expected(what + " as a quoted string", "");
    return next();
  }

  /** Allows one trailing {@code ;}; anything else after the statement is refused. */
  void expectEnd() {
    boolean semicolon = acceptSymbol(';');
    if (peek().kind() != Kind.EOF) {
      throw expected("end of statement", semicolon ? "after ';' (one statement per request)" : "");
    }
  }

  SqlParseException expected(String what, String context) {
    return fail(peek(), "expected " + what + (context.isEmpty() ? "" : " " + context)
        + " but found " + peek().describe());
  }

  static SqlParseException fail(Token at, String problem) {
    return new SqlParseException(at.pos(), problem);
  }
}
