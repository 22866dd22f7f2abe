package dev.lakegate.server.dashboard.charts;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dashboard request's validated time range, grain and filters, and the statement they render from
 * a template. The range is {@code range} (24h, 7d, 30d, 90d back from now, floored to the minute so
 * repeats hit the cache; 7d when absent) or {@code from} and {@code to} (ISO instants, or UTC dates:
 * {@code to} a date means through that day), at most 400 days; the grain is hours up to 48 hours,
 * else days. Filters {@code tool}, {@code user}, {@code endpoint}, {@code model} compare one
 * column each; {@code user} only for admins (others see only their rows anyway). Bad values are 400s
 * naming the parameter.
 *
 * @param filters filter name to value, in the order of {@link #FILTERS}
 */
public record Params(Instant from, Instant to, String grain, Map<String, String> filters) {
    public static final List<String> FILTERS = List.of("tool", "user", "endpoint", "model");
    static final Duration MAX_SPAN = Duration.ofDays(400);
    private static final Map<String, Duration> RANGES = Map.of("24h", Duration.ofHours(24), "7d", Duration.ofDays(7),
            "30d", Duration.ofDays(30), "90d", Duration.ofDays(90));
    private static final long HOUR_US = 3_600_000_000L;
    // One pass over every placeholder, so text put in (a filter's value) is never read as a placeholder.
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![:\\w]):(from|to|grain|bucket_us)\\b|/\\*(filters|budgets)\\*/");

    public Params {
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    public static Params parse(Map<String, List<String>> query, Instant now, boolean admin) {
        Instant from;
        Instant to;
        String range = one(query, "range");
        String fromText = one(query, "from");
        String toText = one(query, "to");
        if (fromText != null || toText != null) {
            if (range != null) {
                throw invalid("range", "give either range or from and to, not both");
            }
            if (fromText == null || toText == null) {
                throw invalid(fromText == null ? "from" : "to", "from and to go together");
            }
            from = instant("from", fromText, false);
            to = instant("to", toText, true);
            if (!from.isBefore(to)) {
                throw invalid("to", "must be after from");
            }
            if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
                throw invalid("to", "the range may span at most " + MAX_SPAN.toDays() + " days");
            }
        } else {
            String name = range == null ? "7d" : range;
            Duration span = RANGES.get(name);
            if (span == null) {
                throw invalid("range", "must be one of 24h, 7d, 30d, 90d");
            }
            to = now.truncatedTo(ChronoUnit.MINUTES);
            from = to.minus(span);
        }
        String grain = Duration.between(from, to).compareTo(Duration.ofHours(48)) <= 0 ? "hour" : "day";
        Map<String, String> filters = new LinkedHashMap<>();
        for (String f : FILTERS) {
            String value = one(query, f);
            if (value == null || value.isEmpty() || f.equals("user") && !admin) {
                continue;
            }
            try {
                SqlLiterals.string(value);
            } catch (IllegalArgumentException e) {
                throw invalid(f, e.getMessage());
            }
            filters.put(f, value);
        }
        return new Params(from, to, grain, filters);
    }

    /**
     * The statement: {@code :from}/{@code :to} as timestamps, {@code :grain}, {@code :bucket_us} (the grain in microseconds: buckets of the usage
     * table's TIMESTAMPTZ are epoch arithmetic, as {@code date_trunc} on it goes through ICU's calendar
     * and costs three times the scan), {@code /*filters*}{@code /} as {@code AND <column> = '<value>'} per
     * filter the source has a column for, and {@code /*budgets*}{@code /} from {@code fragments} (SQL the caller built with {@link SqlLiterals}).
     *
     * @throws IllegalStateException the template names a fragment not given
     */
    public String render(String template, Source source, Map<String, String> fragments) {
        String filterSql = filters.entrySet().stream().filter(e -> source.column(e.getKey()) != null)
                .map(e -> "AND " + source.column(e.getKey()) + " = " + SqlLiterals.string(e.getValue()))
                .collect(Collectors.joining(" "));
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 128);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = switch (name) {
                case "from" -> SqlLiterals.timestamp(from);
                case "to" -> SqlLiterals.timestamp(to);
                case "grain" -> SqlLiterals.string(grain);
                case "bucket_us" -> SqlLiterals.bigint(grain.equals("hour") ? HOUR_US : 24 * HOUR_US);
                case "filters" -> filterSql;
                default -> {
                    String fragment = fragments.get(name);
                    if (fragment == null) {
                        throw new IllegalStateException("template needs " + name + ": " + template);
                    }
                    yield fragment;
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid(name, "is given more than once");
        }
        return values.getFirst();
    }

    /** An ISO instant, or a UTC date: its start, or for the end of a range ({@code exclusiveEnd}) the next day's. */
    private static Instant instant(String name, String text, boolean exclusiveEnd) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate date = LocalDate.parse(text);
                return (exclusiveEnd ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(name, "must be an ISO instant (2026-11-28T05:00:00Z) or a date (2026-11-28)");
            }
        }
    }

    static GatewayException invalid(String parameter, String problem) {
        return new GatewayException(ErrorCategory.INVALID_REQUEST, "Parameter '" + parameter + "' " + problem);
    }
}
