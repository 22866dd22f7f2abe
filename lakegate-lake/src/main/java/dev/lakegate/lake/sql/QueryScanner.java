package dev.lakegate.lake.sql;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.sql.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Finds the tables a query reads without parsing it: tokens in DuckDB's dialect, a stack of
 * parentheses, and a table expected after FROM, JOIN, or a comma in a FROM list. FROM inside a
 * function call ({@code EXTRACT(YEAR FROM ts)}) is ignored because that parenthesis does not open
 * a query. One-part names are CTEs; names followed by {@code (} are table functions; two- and
 * four-part names are refused, since our tables are always {@code catalog.schema.table}.
 */
final class QueryScanner {
  static final int MAX_DEPTH = 256;
  private static final Set<String> QUERY_START = Set.of("SELECT", "WITH", "VALUES", "FROM", "TABLE");
  private static final Set<String> CLAUSES = Set.of("SELECT", "WITH", "VALUES", "WHERE", "GROUP",
      "HAVING", "ORDER", "LIMIT", "OFFSET", "QUALIFY", "WINDOW", "UNION", "INTERSECT", "EXCEPT", "FETCH");
  private static final Set<String> NOT_ALIAS = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
      "OFFSET", "QUALIFY", "WINDOW", "UNION", "INTERSECT", "EXCEPT", "FETCH", "JOIN", "INNER", "LEFT",
      "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "SEMI", "ANTI", "ASOF", "POSITIONAL", "ON", "USING",
      "SELECT", "TABLESAMPLE", "PIVOT", "UNPIVOT", "LATERAL", "FOR", "WITH");

  /** What one parenthesis level is doing. */
  private static final class Frame {
    final Token open;
    final boolean query;
    boolean inFrom;
    boolean expectTable;

    Frame(Token open, boolean query) {
      this.open = open;
      this.query = query;
    }
  }

  private QueryScanner() {}

  /** Whether a statement part starting with {@code t} is a query: SELECT, WITH, DuckDB's FROM-first, or {@code (}. */
  static boolean opensQuery(Token t) {
    return t.isSymbol('(') || t.isWord("SELECT") || t.isWord("WITH") || t.isWord("FROM");
  }

  /** Scans the query starting at {@code from} up to the end or a final {@code ;}. */
  static Query scan(String src, int from) {
    List<Token> tokens = tokens(src, from);
    int start = tokens.getFirst().pos().offset();
    int end = tokens.getLast().end();
    List<TableRef> refs = new ArrayList<>();
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(tokens.getFirst(), true));
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      Frame f = stack.peek();
      if (t.isSymbol('(')) {
        if (stack.size() >= MAX_DEPTH) throw Cursor.fail(t, "parentheses nest deeper than " + MAX_DEPTH + " levels");
        Frame inner = new Frame(t, f.expectTable || startsQuery(tokens, k + 1));
        inner.expectTable = inner.inFrom = f.expectTable;
        f.expectTable = false;
        stack.push(inner);
      } else if (t.isSymbol(')')) {
        if (stack.size() == 1) throw Cursor.fail(t, "unbalanced ')': no '(' is open here");
        stack.pop();
      } else if (!f.query) {
        continue;
      } else if (t.isWord("FROM") || t.isWord("JOIN")) {
        f.inFrom |= t.isWord("FROM");
        f.expectTable = true;
      } else if (t.kind() == Kind.WORD && CLAUSES.contains(t.upper())) {
        f.inFrom = f.expectTable = false;
      } else if (f.expectTable) {
        if (t.isWord("LATERAL")) continue;
        f.expectTable = false;
        if (t.isIdentifier()) k = reference(tokens, k, start, refs);
      } else if (t.isSymbol(',') && f.inFrom) {
        f.expectTable = true;
      }
    }
    if (stack.size() > 1) throw Cursor.fail(stack.peek().open, "unclosed '('");
    return new Query(src.substring(start, end), refs);
  }

  private static List<Token> tokens(String src, int from) {
    Lexer lexer = new Lexer(src, Lexer.Mode.DUCKDB, from);
    List<Token> tokens = new ArrayList<>();
    for (Token t = lexer.next(); t.kind() != Kind.EOF; t = lexer.next()) {
      if (t.isSymbol(';')) {
        Token after = lexer.next();
        if (after.kind() != Kind.EOF) {
          throw Cursor.fail(after, "expected end of statement after ';' (one statement per request) but found " + after.describe());
        }
        break;
      }
      tokens.add(t);
    }
    if (tokens.isEmpty()) throw new SqlParseException(lexer.next().pos(), "expected a query but found end of input");
    return tokens;
  }

  private static boolean startsQuery(List<Token> tokens, int k) {
    if (k >= tokens.size()) return false;
    Token t = tokens.get(k);
    return t.isSymbol('(') || t.kind() == Kind.WORD && QUERY_START.contains(t.upper());
  }

  /** Reads a dotted name at {@code k}; records it if it is a table. Returns its last index. */
  private static int reference(List<Token> tokens, int k, int start, List<TableRef> refs) {
    List<Token> parts = new ArrayList<>(List.of(tokens.get(k)));
    int j = k;
    while (j + 2 < tokens.size() && tokens.get(j + 1).isSymbol('.') && tokens.get(j + 2).isIdentifier()) {
      parts.add(tokens.get(j + 2));
      j += 2;
    }
    Token after = j + 1 < tokens.size() ? tokens.get(j + 1) : null;
    if (after != null && after.isSymbol('(') || parts.size() == 1) return j;
    if (parts.size() != 3) {
      String name = String.join(".", parts.stream().map(Token::text).toList());
      throw Cursor.fail(parts.getFirst(), "expected a three-part table name catalog.schema.table but found '" + name + "'");
    }
    TableName name = new TableName(Idents.part(parts.get(0)), Idents.part(parts.get(1)), Idents.part(parts.get(2)));
    boolean aliased = after != null && (after.kind() == Kind.QUOTED_IDENT
        || after.kind() == Kind.WORD && !NOT_ALIAS.contains(after.upper()));
    Token first = parts.getFirst();
    refs.add(new TableRef(name, first.pos().offset() - start, parts.getLast().end() - start, aliased, first.pos()));
    return j;
  }
}
