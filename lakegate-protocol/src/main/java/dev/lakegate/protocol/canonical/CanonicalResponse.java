package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.usage.Usage;
import java.util.List;
import java.util.Objects;

/**
 * One complete model answer, the hub every protocol's response is written from and read into.
 *
 * @param id the response id as the client will see it (vendor-style prefix chosen by the caller)
 * @param model the model name reported to the client
 */
public record CanonicalResponse(String id, String model, List<ContentBlock> content, StopReason stopReason, Usage usage) {

    public CanonicalResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        content = List.copyOf(content);
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(usage, "usage");
    }
}
