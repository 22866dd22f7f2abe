package dev.lakegate.server.config;

import dev.lakegate.lake.catalog.Names;
import dev.lakegate.lake.catalog.TableName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An endpoint's inference (payload) table (SPEC §4), named as the managed product's
 * {@code inference_table_config}: requests and answers go to {@code <catalog_name>.<schema_name>.<table_name_prefix>_payload}.
 *
 * @param enabled default true: writing the block turns the table on; {@code false} keeps the settings but records nothing
 * @param tableNamePrefix default: the endpoint name, lower-cased, with characters other than letters, digits and
 *     {@code _} replaced by {@code _}
 * @param samplingFraction the share of requests recorded, 0 to 1 (default 1)
 * @param redactPatterns Java regular expressions whose matches are replaced by {@code [REDACTED]}, beyond the
 *     credentials that are always redacted
 */
public record InferenceTableConfig(String catalogName, String schemaName, String tableNamePrefix, Boolean enabled,
        Double samplingFraction, List<String> redactPatterns) {

    public InferenceTableConfig {
        enabled = enabled == null || enabled;
        samplingFraction = samplingFraction == null ? 1.0 : samplingFraction;
        redactPatterns = redactPatterns == null ? List.of() : List.copyOf(redactPatterns);
    }

    /** The table the endpoint of this name writes to. */
    public TableName table(String endpointName) {
        return new TableName(catalogName, schemaName, prefix(endpointName) + "_payload");
    }

    public List<Pattern> compiledPatterns() {
        return redactPatterns.stream().map(Pattern::compile).toList();
    }

    /** What is wrong with these settings, if anything; checked when the configuration is read. */
    Optional<String> problem(String endpointName) {
        if (samplingFraction.isNaN() || samplingFraction < 0 || samplingFraction > 1) {
            return Optional.of("sampling_fraction must be between 0 and 1, not " + samplingFraction);
        }
        for (String pattern : redactPatterns) {
            Pattern compiled;
            try {
                compiled = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                return Optional.of("redact_patterns entry '" + pattern + "' is not a Java regular expression: "
                        + e.getDescription() + " at index " + e.getIndex());
            }
            if (compiled.matcher("").matches()) {
                return Optional.of("redact_patterns entry '" + pattern + "' matches empty text, so it would mask between every character");
            }
        }
        if (!enabled) {
            return Optional.empty();
        }
        if (catalogName == null || catalogName.isBlank() || schemaName == null || schemaName.isBlank()) {
            return Optional.of("catalog_name and schema_name are required");
        }
        if (tableNamePrefix != null && tableNamePrefix.isBlank()) {
            return Optional.of("table_name_prefix must not be blank (leave it out to use the endpoint name)");
        }
        return Names.securableProblem(catalogName)
                .or(() -> Names.securableProblem(schemaName))
                .or(() -> Names.securableProblem(prefix(endpointName) + "_payload"));
    }

    /** The prefix in force: {@code table_name_prefix}, else one made from the endpoint's name. */
    public String prefix(String endpointName) {
        return tableNamePrefix != null ? tableNamePrefix : endpointName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
