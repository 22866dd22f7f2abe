package dev.lakegate.lake.query;

import dev.lakegate.lake.sql.TableRef;

/**
 * Resolves the table references of one query text with the rights of whoever wrote it: the caller
 * for its own statement, a view's owner for the view's definition (definer rights).
 */
@FunctionalInterface
public interface Resolver {
  /** What {@code ref} reads; throws when it does not exist or may not be read. */
  Resolved resolve(TableRef ref);
}
