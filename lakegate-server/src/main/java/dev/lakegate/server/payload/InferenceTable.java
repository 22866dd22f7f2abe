package dev.lakegate.server.payload;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.server.config.InferenceTableConfig;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * An endpoint's inference table at run time: where its payloads go, which share of requests is recorded,
 * and what is redacted beyond credentials.
 *
 * @param samplingFraction 0 to 1
 */
public record InferenceTable(TableName name, double samplingFraction, List<Pattern> redactPatterns) {

    public InferenceTable {
        redactPatterns = List.copyOf(redactPatterns);
    }

    /** The table of an endpoint's configuration, or null when it has none or it is disabled. */
    public static InferenceTable of(InferenceTableConfig config, String endpointName) {
        if (config == null || !config.enabled()) {
            return null;
        }
        return new InferenceTable(config.table(endpointName), config.samplingFraction(), config.compiledPatterns());
    }

    /** Whether this request is recorded; draws from {@code random} (uniform in [0, 1)) only for fractions strictly between 0 and 1. */
    boolean samples(DoubleSupplier random) {
        return samplingFraction >= 1 || samplingFraction > 0 && random.getAsDouble() < samplingFraction;
    }
}
