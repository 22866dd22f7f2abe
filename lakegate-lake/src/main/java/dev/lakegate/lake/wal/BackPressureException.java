package dev.lakegate.lake.wal;

import java.time.Duration;

/**
 * The log holds as many uncommitted rows or bytes as it may ({@link WalOptions}): nothing was
 * written. Thrown at once rather than blocking, so the HTTP layer can answer 429/503 with
 * {@code Retry-After} and the client (OTLP exporters do) retries later.
 */
public final class BackPressureException extends RuntimeException {
  private final Duration retryAfter;

  public BackPressureException(String message, Duration retryAfter) {
    super(message, null, false, false); // expected under load: no stack trace to fill
    this.retryAfter = retryAfter;
  }

  /** When a retry is likely to be accepted: about one commit cycle, longer while commits fail. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@link #retryAfter()} rounded up to whole seconds (at least 1), for a {@code Retry-After} header. */
  public long retryAfterSeconds() {
    long s = retryAfter.toSeconds();
    return Math.max(1, retryAfter.equals(Duration.ofSeconds(s)) ? s : s + 1);
  }
}
