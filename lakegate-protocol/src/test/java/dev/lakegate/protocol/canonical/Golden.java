package dev.lakegate.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files under {@code src/test/resources}: compared byte for byte (JSON documents
 * pretty-printed first, so key order counts and diffs stay readable). Run with
 * {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
public final class Golden {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path SOURCE = Path.of("src/test/resources");

    private Golden() {}

    public static void assertJson(String resource, byte[] actualJson) {
        try {
            String pretty = PRETTY.writeValueAsString(PRETTY.readTree(actualJson)) + "\n";
            assertText(resource, pretty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertStream(String resource, List<byte[]> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        assertText(resource, all.toString(StandardCharsets.UTF_8));
    }

    private static void assertText(String resource, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            try {
                Path file = SOURCE.resolve(resource);
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(actual).as("golden file %s (rerun with -Dgolden.update=true to rewrite)", resource).isEqualTo(read(resource));
    }

    public static String read(String resource) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("Missing golden file " + resource + " (run with -Dgolden.update=true to create it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
