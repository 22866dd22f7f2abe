package dev.lakegate.lake.otel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Request bodies kept as test resources under {@code /otel/}. */
final class Bodies {
  private Bodies() {}

  static byte[] read(String name) {
    try (InputStream in = Bodies.class.getResourceAsStream("/otel/" + name)) {
      if (in == null) throw new AssertionError("missing test resource /otel/" + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
