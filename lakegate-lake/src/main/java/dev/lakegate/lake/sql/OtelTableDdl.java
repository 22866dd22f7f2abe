package dev.lakegate.lake.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The product's three {@code CREATE TABLE} statements for OpenTelemetry data (SPEC §5), kept once,
 * verbatim, as resources ({@code /sql/spec_otel_<signal>.sql}); placeholders
 * {@code <catalog>.<schema>.<table_prefix>} are filled in for a concrete table.
 */
public final class OtelTableDdl {
    /** The OTLP signals, each with its own table. */
    public static final Set<String> SIGNALS = Set.of("metrics", "logs", "spans");

    private OtelTableDdl() {}

    /** The statement exactly as the SPEC writes it, placeholders included. */
    public static String verbatim(String signal) {
        if (!SIGNALS.contains(signal)) {
            throw new IllegalArgumentException("unknown OTel signal '" + signal + "' (expected metrics, logs or spans)");
        }
        String resource = "/sql/spec_otel_" + signal + ".sql";
        try (InputStream in = OtelTableDdl.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the lakegate-lake jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement for table {@code <catalog>.<schema>.<prefix>_otel_<signal>}. */
    public static String forTable(String signal, String catalog, String schema, String prefix) {
        return verbatim(signal).replace("<catalog>", catalog).replace("<schema>", schema).replace("<table_prefix>", prefix);
    }
}
