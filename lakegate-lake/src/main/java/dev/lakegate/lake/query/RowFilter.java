package dev.lakegate.lake.query;

import java.util.Objects;

/**
 * The rows of a table one reader may see: those whose {@code owner} equals {@code value}.
 *
 * @param owner a DuckDB expression over the table's columns naming a row's owner: a column such as
 *     {@code requester}, or {@code resource.attributes['lakegate.principal']}. Written by the gateway's
 *     code, never taken from a request: it is put into the scan's SQL as is.
 * @param value the reader's name, quoted as a literal
 */
public record RowFilter(String owner, String value) {
  public RowFilter {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(value, "value");
  }
}
