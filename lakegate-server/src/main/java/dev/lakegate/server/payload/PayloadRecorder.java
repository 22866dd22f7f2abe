package dev.lakegate.server.payload;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.lake.TableRecorder;
import dev.lakegate.server.observe.GatewayMetrics;
import dev.lakegate.server.observe.RequestListener;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.provider.EndpointRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the sampled requests of endpoints with an inference table (SPEC §4) to their tables, one
 * {@link TableRecorder} per table. Independent of usage tracking: an endpoint may keep payloads without usage
 * rows or the reverse. Assembling, redacting and encoding happen on the recorders' threads; what may wait
 * for the disk is bounded in bytes for all tables together.
 */
public final class PayloadRecorder implements RequestListener, AutoCloseable {
    /** Payload bytes that may wait for the write-ahead logs, all inference tables together. */
    private static final long QUEUE_BYTES = 256L << 20;
    /** Payload bytes one append gathers at most: well within the log's bound of uncommitted bytes. */
    private static final long BATCH_BYTES = 8L << 20;

    private final Map<TableName, TableRecorder<RequestRecord>> recorders;

    private PayloadRecorder(Map<TableName, TableRecorder<RequestRecord>> recorders) {
        this.recorders = recorders;
    }

    /**
     * Creates the inference table of every endpoint that has one (if it does not exist yet) and starts recording.
     *
     * @throws IllegalArgumentException a table's catalog or schema is missing, or it exists with other columns
     */
    public static PayloadRecorder start(Lake lake, EndpointRegistry endpoints, GatewayMetrics metrics, Duration closeTimeout) {
        TableRecorder.Budget budget = new TableRecorder.Budget(QUEUE_BYTES, BATCH_BYTES);
        Map<TableName, TableRecorder<RequestRecord>> recorders = new LinkedHashMap<>();
        try {
            for (Endpoint endpoint : endpoints.all()) {
                InferenceTable table = endpoint.inferenceTable();
                if (table == null || recorders.containsKey(table.name())) {
                    continue; // endpoints may share a table: its rows name their endpoint
                }
                NewTable definition = PayloadTable.definition(table.name());
                String name = table.name().fullName();
                var target = new TableRecorder.Target<RequestRecord>(name,
                        () -> lake.writers().writer(lake.gatewayTable(definition).location()),
                        r -> PayloadTable.row(r, new Redactor(endpoints.credentials(), r.payload().table().redactPatterns())),
                        r -> r.payload().weight());
                try {
                    recorders.put(table.name(), TableRecorder.start(target, budget, metrics.droppedRows(name), closeTimeout));
                } catch (IllegalStateException e) {
                    throw new IllegalArgumentException("endpoint '" + endpoint.name() + "' inference_table_config: cannot write "
                            + table.name() + ": " + e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            recorders.values().forEach(TableRecorder::close);
            throw e;
        }
        return new PayloadRecorder(Map.copyOf(recorders));
    }

    @Override
    public void requestEnd(RequestRecord record) {
        if (record.payload() != null) {
            recorders.get(record.payload().table().name()).offer(record);
        }
    }

    /** Writes what is queued for every table, then stops. */
    @Override
    public void close() {
        recorders.values().parallelStream().forEach(TableRecorder::close);
    }
}
