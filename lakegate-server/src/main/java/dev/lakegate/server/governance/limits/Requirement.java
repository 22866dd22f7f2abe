package dev.lakegate.server.governance.limits;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A limit a request must pass in one dimension: any one of its buckets with room admits it. Only a
 * caller's groups give more than one bucket (a member is refused only when all of them are exhausted).
 */
public record Requirement(Dimension dimension, List<BucketSpec> anyOf) {

    public Requirement {
        anyOf = List.copyOf(anyOf);
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException("a requirement needs at least one bucket");
        }
    }

    static Requirement of(BucketSpec bucket) {
        return new Requirement(bucket.dimension(), List.of(bucket));
    }

    /** The limit a refusal names, e.g. {@code endpoint claude-opus: 60 requests per minute}. */
    public String describe() {
        if (anyOf.size() == 1) {
            return anyOf.getFirst().describe();
        }
        return "every group limit that applies (" + anyOf.stream().map(BucketSpec::describe).collect(Collectors.joining("; ")) + ")";
    }
}
