package dev.lakegate.lake.query;

import dev.lakegate.lake.query.SqlLexer.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the {@code catalog.schema.table} references of a SELECT: three-part names right after
 * FROM, JOIN, or a comma of a FROM list (at any subquery depth), not followed by {@code (}.
 * Three-part names elsewhere ({@code alias.struct_col.field}, {@code EXTRACT(YEAR FROM t.s.ts)})
 * are column paths and are left alone. One- and two-part names (CTEs, DuckDB tables) too.
 */
public final class TableRefs {
  /** Words that start a subquery right after {@code (}. */
  private static final Set<String> QUERY_START = Set.of("SELECT", "WITH", "VALUES", "FROM", "TABLE");
  /** Keywords that end a FROM clause at the current depth. */
  private static final Set<String> END_OF_FROM = Set.of("SELECT", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
      "OFFSET", "QUALIFY", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FETCH", "RETURNING");
  /** Words that may follow a table reference and so are not its alias. */
  private static final Set<String> NOT_AN_ALIAS = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET",
      "QUALIFY", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER",
      "CROSS", "NATURAL", "ASOF", "POSITIONAL", "SEMI", "ANTI", "ON", "USING", "TABLESAMPLE", "SAMPLE",
      "FETCH", "FOR", "PIVOT", "UNPIVOT", "LATERAL", "RETURNING", "SELECT", "FROM", "AT");

  private TableRefs() {}

  /** What one parenthesis level is: a query (or a parenthesized FROM item), or a function call. */
  private static final class Frame {
    final boolean query;
    boolean inFrom;

    Frame(boolean query, boolean inFrom) {
      this.query = query;
      this.inFrom = inFrom;
    }
  }

  /** The table references of {@code sql}, in order. */
  public static List<TableRef> find(String sql) {
    List<Token> tokens = SqlLexer.tokens(sql);
    List<TableRef> refs = new ArrayList<>();
    Deque<Frame> frames = new ArrayDeque<>();
    frames.push(new Frame(true, false));
    boolean expectTable = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Frame top = frames.peek();
      if (t.is("(")) {
        boolean subquery = i + 1 < tokens.size() && QUERY_START.contains(upper(tokens.get(i + 1)));
        // `FROM (a.b.c JOIN d.e.f …)` holds tables; `EXTRACT(YEAR FROM x.y.z)` does not.
        frames.push(new Frame(subquery || expectTable, expectTable && !subquery));
        expectTable = expectTable && !subquery;
        continue;
      } else if (t.is(")")) {
        if (frames.size() > 1) frames.pop();
      } else if (t.is(",")) {
        expectTable = top.inFrom;
        continue;
      } else if (!top.query) {
        // Inside a function call FROM and JOIN are not clauses.
      } else if (t.is("FROM")) {
        top.inFrom = true;
        expectTable = true;
        continue;
      } else if (t.is("JOIN")) {
        expectTable = true;
        continue;
      } else if (t.is("LATERAL") && expectTable) {
        continue;
      } else if (t.kind() == SqlLexer.Kind.WORD && END_OF_FROM.contains(upper(t))) {
        top.inFrom = false;
      } else if (expectTable && t.isName()) {
        int last = dottedNameEnd(tokens, i);
        boolean call = last + 1 < tokens.size() && tokens.get(last + 1).is("(");
        if (last - i == 4 && !call) {
          refs.add(new TableRef(t.start(), tokens.get(last).end(),
              List.of(t.text(), tokens.get(i + 2).text(), tokens.get(last).text())));
        }
        i = last;
      }
      expectTable = false;
    }
    return refs;
  }

  private static String upper(Token t) {
    return t.kind() == SqlLexer.Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : "";
  }

  /** Whether the text after a reference ending at {@code end} gives it an alias. */
  static boolean aliasFollows(String sql, int end) {
    for (Token t : SqlLexer.tokens(sql.substring(end))) {
      if (t.kind() == SqlLexer.Kind.QUOTED) return true;
      if (t.kind() != SqlLexer.Kind.WORD) return false;
      return t.is("AS") || !NOT_AN_ALIAS.contains(upper(t));
    }
    return false;
  }

  /** Index of the last token of the name {@code a.b.c…} starting at {@code i}. */
  private static int dottedNameEnd(List<Token> tokens, int i) {
    int last = i;
    while (last + 2 < tokens.size() && tokens.get(last + 1).is(".") && tokens.get(last + 2).isName()) {
      last += 2;
    }
    return last;
  }
}
