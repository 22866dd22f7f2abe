package dev.lakegate.lake.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Values of {@code INSERT … VALUES}; see {@link Literal} for the accepted forms. */
final class LiteralParser {
  private static final String EXPECTED = "a value (string, number, TRUE, FALSE, NULL, array(…), "
      + "map(…), named_struct(…), struct(…))";

  private static final int MAX_EXPONENT = 1000;

  private final Cursor c;

  LiteralParser(Cursor c) {
    this.c = c;
  }

  Literal value(int depth) {
    Token t = c.peek();
    if (depth > TypeParser.MAX_DEPTH) throw Cursor.fail(t, "values nest deeper than " + TypeParser.MAX_DEPTH + " levels");
    switch (t.kind()) {
      case STRING -> { c.next(); return new Literal.Str(t.text(), t.pos()); }
      case NUMBER -> { c.next(); return new Literal.Num(number(t), t.pos()); }
      case SYMBOL -> {
        if ((t.isSymbol('-') || t.isSymbol('+')) && c.peek(1).kind() == Token.Kind.NUMBER) {
          c.next();
          BigDecimal n = number(c.next());
          return new Literal.Num(t.isSymbol('-') ? n.negate() : n, t.pos());
        }
      }
      case WORD -> {
        Literal word = word(t, depth);
        if (word != null) return word;
      }
      case QUOTED_IDENT, EOF -> { }
    }
    throw c.expected(EXPECTED, "");
  }

  /** Bounded so that later scaling cannot blow up: doubles need exponents of about ±324. */
  private static BigDecimal number(Token t) {
    try {
      BigDecimal n = new BigDecimal(t.text());
      if (Math.abs((long) n.precision() - n.scale()) <= MAX_EXPONENT && n.precision() <= MAX_EXPONENT) return n;
    } catch (NumberFormatException e) {
      // out of BigDecimal's range; refused below like any other huge number
    }
    throw Cursor.fail(t, "number " + t.describe() + " is out of range (magnitude up to 1e" + MAX_EXPONENT + ")");
  }

  private Literal word(Token t, int depth) {
    String w = t.upper();
    boolean call = c.peek(1).isSymbol('(');
    if (w.equals("TRUE") || w.equals("FALSE")) { c.next(); return new Literal.Bool(w.equals("TRUE"), t.pos()); }
    if (w.equals("NULL")) { c.next(); return new Literal.Null(t.pos()); }
    if ((w.equals("DATE") || w.equals("TIMESTAMP") || w.equals("TIMESTAMP_NTZ"))
        && c.peek(1).kind() == Token.Kind.STRING) {
      c.next();
      return new Literal.Str(c.next().text(), t.pos());
    }
    if (!call) return null;
    return switch (w) {
      case "ARRAY" -> new Literal.ArrayOf(args(depth), t.pos());
      case "MAP" -> {
        List<Literal> args = args(depth);
        if (args.size() % 2 != 0) throw Cursor.fail(t, "map(…) takes key, value pairs but got " + args.size() + " arguments");
        List<Literal> keys = new ArrayList<>(), values = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
          keys.add(args.get(i));
          values.add(args.get(i + 1));
        }
        yield new Literal.MapOf(keys, values, t.pos());
      }
      case "STRUCT" -> new Literal.StructOf(List.of(), args(depth), t.pos());
      case "NAMED_STRUCT" -> namedStruct(t, args(depth));
      default -> null;
    };
  }

  private Literal namedStruct(Token t, List<Literal> args) {
    if (args.isEmpty() || args.size() % 2 != 0) {
      throw Cursor.fail(t, "named_struct(…) takes 'name', value pairs but got " + args.size() + " arguments");
    }
    List<String> names = new ArrayList<>();
    List<Literal> values = new ArrayList<>();
    for (int i = 0; i < args.size(); i += 2) {
      if (!(args.get(i) instanceof Literal.Str(String name, Pos pos))) {
        throw new SqlParseException(args.get(i).pos(), "expected a field name as a quoted string in named_struct(…)");
      }
      if (names.stream().anyMatch(name::equalsIgnoreCase)) {
        throw new SqlParseException(pos, "duplicate field name '" + name + "' in named_struct(…)");
      }
      names.add(name);
      values.add(args.get(i + 1));
    }
    return new Literal.StructOf(names, values, t.pos());
  }

  private List<Literal> args(int depth) {
    c.next();
    c.expectSymbol('(', "");
    List<Literal> args = new ArrayList<>();
    if (c.acceptSymbol(')')) return args;
    do {
      args.add(value(depth + 1));
    } while (c.acceptSymbol(','));
    c.expectSymbol(')', "to close the argument list");
    return args;
  }

  /** {@code (v, …), (v, …)} after VALUES. */
  List<Statement.InsertValues.Row> rows() {
    List<Statement.InsertValues.Row> rows = new ArrayList<>();
    do {
      Token open = c.expectSymbol('(', "to start a row of VALUES");
      List<Literal> values = new ArrayList<>();
      do {
        values.add(value(0));
      } while (c.acceptSymbol(','));
      c.expectSymbol(')', "to close the row");
      rows.add(new Statement.InsertValues.Row(values, open.pos()));
    } while (c.acceptSymbol(','));
    return rows;
  }
}
