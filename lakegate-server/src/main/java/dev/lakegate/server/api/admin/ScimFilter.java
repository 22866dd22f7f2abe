package dev.lakegate.server.api.admin;

import dev.lakegate.server.governance.GovernanceErrors;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of SCIM filtering that provisioning tools and the Databricks CLI use:
 * {@code <attribute> eq|ne|co|sw "<value>"} on one attribute, case-insensitive as SCIM says. Each
 * resource type names its filterable attributes.
 */
final class ScimFilter {
    private static final Pattern EXPRESSION = Pattern.compile("^\\s*([A-Za-z.]+)\\s+(eq|ne|co|sw)\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|true|false)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private ScimFilter() {}

    /**
     * @param attributes the filterable attributes by their SCIM names (matched ignoring case), in the order the error lists them
     * @param example a filter to suggest when this one is not understood
     */
    static <T> Predicate<T> parse(String filter, Map<String, Function<T, String>> attributes, String example) {
        Matcher m = EXPRESSION.matcher(filter);
        Optional<Function<T, String>> attribute = m.matches() ? attributes.entrySet().stream()
                .filter(a -> a.getKey().equalsIgnoreCase(m.group(1))).map(Map.Entry::getValue).findFirst() : Optional.empty();
        if (attribute.isEmpty()) {
            throw GovernanceErrors.invalid("unsupported filter '" + filter + "': use <attribute> eq|ne|co|sw \"<value>\" with one of "
                    + String.join(", ", attributes.keySet()) + ", e.g. " + example);
        }
        Function<T, String> read = attribute.get();
        String raw = m.group(3);
        String value = (raw.startsWith("\"") ? raw.substring(1, raw.length() - 1).replaceAll("\\\\(.)", "$1") : raw)
                .toLowerCase(Locale.ROOT);
        String op = m.group(2).toLowerCase(Locale.ROOT);
        return item -> {
            String actual = read.apply(item);
            String a = actual == null ? "" : actual.toLowerCase(Locale.ROOT);
            return switch (op) {
                case "eq" -> a.equals(value);
                case "ne" -> !a.equals(value);
                case "co" -> a.contains(value);
                default -> a.startsWith(value);
            };
        };
    }
}
