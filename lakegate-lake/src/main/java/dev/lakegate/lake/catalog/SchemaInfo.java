package dev.lakegate.lake.catalog;

import java.time.Instant;
import java.util.Optional;

/** A schema as the store holds it. */
public record SchemaInfo(
    SchemaName name, Optional<String> comment, String owner, Instant createdAt, Instant updatedAt) {}
