package dev.lakegate.lake.query;

import dev.lakegate.lake.sql.Query;

/** What a table reference names, as a {@link Resolver} answers. */
public sealed interface Resolved {
  record Table(TableScan scan) implements Resolved {}

  /** A view: its stored query, whose own references {@code resolver} resolves (its owner's rights). */
  record View(Query definition, Resolver resolver) implements Resolved {}
}
