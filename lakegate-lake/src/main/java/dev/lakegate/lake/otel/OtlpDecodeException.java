package dev.lakegate.lake.otel;

/** The body is not a valid export request of its signal in its encoding; the message says why. */
public final class OtlpDecodeException extends RuntimeException {
  public OtlpDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
