package dev.lakegate.protocol.canonical;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Back-off hints in the forms upstreams give them; all capped, since a hostile value must not park a client for ever. */
final class RetryHints {
    static final Duration MAX = Duration.ofHours(1);
    /** OpenAI "Please try again in 1.5s" / "in 20ms", Gemini "Please retry in 27.5s". */
    private static final Pattern IN_MESSAGE = Pattern.compile("(?:try again|retry) in (\\d{1,9}(?:\\.\\d{1,9})?)\\s?(ms|s)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROTO_DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)s");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}(?:\\.\\d{1,9})?");

    private RetryHints() {}

    /** An HTTP {@code retry-after} value: delay-seconds (decimals tolerated) or an HTTP-date. */
    static Optional<Duration> header(String value, InstantSource clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (SECONDS.matcher(v).matches()) {
            return seconds(v);
        }
        try {
            Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(cap(d.isNegative() ? Duration.ZERO : d));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** google.protobuf.Duration in JSON, e.g. "2s" or "1.500s". */
    static Optional<Duration> protoDuration(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = PROTO_DURATION.matcher(value.strip());
        return m.matches() ? seconds(m.group(1)) : Optional.empty();
    }

    static Optional<Duration> fromMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = IN_MESSAGE.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        boolean millis = m.group(2).toLowerCase(Locale.ROOT).equals("ms");
        return seconds((millis ? amount.movePointLeft(3) : amount).toPlainString());
    }

    private static Optional<Duration> seconds(String decimal) {
        BigDecimal nanos = new BigDecimal(decimal).movePointRight(9);
        return Optional.of(cap(Duration.ofNanos(nanos.min(BigDecimal.valueOf(MAX.toNanos())).longValue())));
    }

    private static Duration cap(Duration d) {
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
