package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/otel/golden}, compared as text. Run with
 * {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
final class Goldens {
  private static final Path DIR = Path.of("src/test/resources/otel/golden");

  private Goldens() {}

  static void assertGolden(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual);
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError("missing golden file " + file + " (run with -Dgolden.update=true to create it)");
      }
      assertThat(actual).as("golden file %s (rerun with -Dgolden.update=true to rewrite)", file)
          .isEqualTo(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
