package dev.lakegate.server.payload;

import dev.lakegate.lake.catalog.NewTable;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.server.governance.SettingSource;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.lake.TableRecorder;
import dev.lakegate.server.observe.GatewayMetrics;
import dev.lakegate.server.observe.RequestListener;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.provider.EndpointRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the sampled requests of endpoints with an inference table (SPEC §4) to their tables, one
 * {@link TableRecorder} per table. Independent of usage tracking: an endpoint may keep payloads without usage
 * rows or the reverse. Assembling, redacting and encoding happen on the recorders' threads; what may wait
 * for the disk is bounded in bytes for all tables together. Tables are opened at start, when the admin API
 * enables one ({@link #open}), and at the first row of a table another gateway enabled.
 */
public final class PayloadRecorder implements RequestListener, TableOpener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PayloadRecorder.class);
    /** Payload bytes that may wait for the write-ahead logs, all inference tables together. */
    private static final long QUEUE_BYTES = 256L << 20;
    /** Payload bytes one append gathers at most: well within the log's bound of uncommitted bytes. */
    private static final long BATCH_BYTES = 8L << 20;
    /** How long a table that could not be opened is left alone: its rows are dropped, not each one a catalog round trip. */
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final Lake lake;
    private final EndpointRegistry endpoints;
    private final GatewayMetrics metrics;
    private final Duration closeTimeout;
    private final TableRecorder.Budget budget = new TableRecorder.Budget(QUEUE_BYTES, BATCH_BYTES);
    /** Endpoints may share a table: its rows name their endpoint. */
    private final ConcurrentMap<TableName, TableRecorder<RequestRecord>> recorders = new ConcurrentHashMap<>();
    private final ConcurrentMap<TableName, Long> failedAt = new ConcurrentHashMap<>();

    private PayloadRecorder(Lake lake, EndpointRegistry endpoints, GatewayMetrics metrics, Duration closeTimeout) {
        this.lake = lake;
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.closeTimeout = closeTimeout;
    }

    /**
     * Creates the inference table of every endpoint that has one (if it does not exist yet) and starts recording.
     * A table set through the admin API that cannot be written is logged rather than stopping the start, so that the
     * gateway that could fix it through the API runs.
     *
     * @throws IllegalArgumentException a configured table's catalog or schema is missing, or it exists with other columns
     */
    public static PayloadRecorder start(Lake lake, EndpointRegistry endpoints, GatewayMetrics metrics, Duration closeTimeout) {
        PayloadRecorder payloads = new PayloadRecorder(lake, endpoints, metrics, closeTimeout);
        try {
            for (Endpoint endpoint : endpoints.all()) {
                InferenceTable table = endpoint.settings().inferenceTable();
                if (table == null) {
                    continue;
                }
                try {
                    payloads.open(endpoint.name(), table);
                } catch (IllegalArgumentException e) {
                    if (endpoint.settings().source() == SettingSource.CONFIGURATION) {
                        throw e;
                    }
                    LOG.warn("{}; its sampled requests are not recorded until the table can be written", e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            payloads.close();
            throw e;
        }
        return payloads;
    }

    /**
     * Makes sure {@code table} exists with the inference-table columns (created if missing, owned by {@code System user})
     * and that a recorder writes to it.
     *
     * @throws IllegalArgumentException naming the endpoint and the table: its catalog or schema is missing (with the
     *     {@code CREATE} to run), or it exists with other columns
     */
    @Override
    public void open(String endpointName, InferenceTable table) {
        try {
            recorders.computeIfAbsent(table.name(), this::startRecorder);
            failedAt.remove(table.name());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("endpoint '" + endpointName + "' inference_table_config: cannot write "
                    + table.name() + ": " + e.getMessage(), e);
        }
    }

    private TableRecorder<RequestRecord> startRecorder(TableName name) {
        NewTable definition = PayloadTable.definition(name);
        var target = new TableRecorder.Target<RequestRecord>(name.fullName(),
                () -> lake.writers().writer(lake.gatewayTable(definition).location()),
                r -> PayloadTable.row(r, new Redactor(endpoints.credentials(), r.payload().table().redactPatterns())),
                r -> r.payload().weight());
        return TableRecorder.start(target, budget, metrics.droppedRows(name.fullName()), closeTimeout);
    }

    @Override
    public void requestEnd(RequestRecord record) {
        PayloadCapture capture = record.payload();
        if (capture == null) {
            return;
        }
        TableName name = capture.table().name();
        TableRecorder<RequestRecord> recorder = recorders.get(name);
        if (recorder == null && openedLate(capture)) {
            recorder = recorders.get(name);
        }
        if (recorder != null) {
            recorder.offer(record);
        } else {
            metrics.droppedRows(name.fullName()).accept(1);
        }
    }

    /** Opens a table another gateway enabled through the admin API; false (logged) when it cannot be written yet. */
    private boolean openedLate(PayloadCapture capture) {
        Long failed = failedAt.get(capture.table().name());
        if (failed != null && System.nanoTime() - failed < RETRY.toNanos()) {
            return false;
        }
        try {
            open(capture.endpointName(), capture.table());
            return true;
        } catch (IllegalArgumentException e) {
            failedAt.put(capture.table().name(), System.nanoTime());
            LOG.warn("{}; its rows are dropped (lakegate_table_rows_dropped_total) until the table can be written", e.getMessage());
            return false;
        }
    }

    /** Writes what is queued for every table, then stops. */
    @Override
    public void close() {
        recorders.values().parallelStream().forEach(TableRecorder::close);
    }
}
