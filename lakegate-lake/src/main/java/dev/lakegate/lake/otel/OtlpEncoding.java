package dev.lakegate.lake.otel;

import java.util.Locale;
import java.util.Optional;

/** The two OTLP/HTTP body encodings. */
public enum OtlpEncoding {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private final String contentType;

  OtlpEncoding(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** The encoding of a {@code Content-Type} value (parameters ignored); empty for other media types. */
  public static Optional<OtlpEncoding> ofContentType(String value) {
    if (value == null) return Optional.empty();
    int semi = value.indexOf(';');
    String mime = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    for (OtlpEncoding e : values()) {
      if (e.contentType.equals(mime)) return Optional.of(e);
    }
    return Optional.empty();
  }
}
