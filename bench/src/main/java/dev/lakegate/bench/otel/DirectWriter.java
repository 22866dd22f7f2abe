package dev.lakegate.bench.otel;

import dev.lakegate.bench.lake.BenchUtil;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.otel.OtlpSignal;
import dev.lakegate.lake.wal.BackPressureException;
import dev.lakegate.lake.wal.DurableTableWriter;
import dev.lakegate.server.config.LakeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The direct baseline: the rows the gateway would decode from the same bodies (decoded once, before the
 * run) written straight into a {@link DurableTableWriter} with the gateway's default lake options, on a
 * fresh Delta table of the signal's SPEC schema. No HTTP, no authentication, no decoding.
 */
final class DirectWriter implements AutoCloseable {
    private final DeltaTable table;
    private final DurableTableWriter writer;
    private final List<List<Row>> batches;

    DirectWriter(Path dir, OtlpSignal signal, List<List<Row>> batches) {
        this.batches = batches;
        table = new DeltaTables().create(dir.resolve("table").toString(), signal.schema(), Map.of("otel.schemaVersion", "v1"));
        writer = DurableTableWriter.open(table, dir.resolve("data"), "direct", new LakeConfig(null, null).walOptions());
    }

    /** Writes batch {@code i} of the pool; the writer is thread-safe, so every exporter shares it. */
    Load.Exporter exporter() {
        return i -> {
            try {
                writer.write(batches.get(i % batches.size()));
                return true;
            } catch (BackPressureException e) {
                return false;
            }
        };
    }

    /** Commits what the log holds and counts the rows a fresh snapshot lists. */
    long flushAndCount() {
        writer.flush();
        return BenchUtil.countRows(table.snapshot().files());
    }

    @Override
    public void close() {
        writer.close();
    }
}
