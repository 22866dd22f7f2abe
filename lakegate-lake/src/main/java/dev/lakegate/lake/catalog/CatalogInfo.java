package dev.lakegate.lake.catalog;

import java.time.Instant;
import java.util.Optional;

/** A catalog as the store holds it. */
public record CatalogInfo(
    CatalogName name, Optional<String> comment, String owner, Instant createdAt, Instant updatedAt) {}
