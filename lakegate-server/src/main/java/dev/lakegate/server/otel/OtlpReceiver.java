package dev.lakegate.server.otel;

import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.otel.Otlp;
import dev.lakegate.lake.otel.OtlpBatch;
import dev.lakegate.lake.otel.OtlpDecodeException;
import dev.lakegate.lake.otel.OtlpEncoding;
import dev.lakegate.lake.otel.OtlpSignal;
import dev.lakegate.lake.wal.BackPressureException;
import dev.lakegate.lake.wal.WalException;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.governance.Authenticator;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.lake.LakeService;
import dev.lakegate.server.lake.TableWriters;
import dev.lakegate.server.observe.GatewayMetrics;
import dev.lakegate.server.pipeline.Authenticate;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP ingestion (SPEC §5): {@code POST /api/2.0/otel/v1/{metrics,logs,traces}} with a bearer
 * token and {@code X-Databricks-UC-Table-Name}. The rows are in the table's write-ahead log before
 * the 200; every refusal is a 4xx or a retryable 503 with a {@code google.rpc.Status} body in the
 * request's encoding, never a silent drop.
 */
public final class OtlpReceiver {
    public static final String PREFIX = "/api/2.0/otel/v1/";
    public static final String TABLE_HEADER = "x-databricks-uc-table-name";
    static final String SCHEMA_VERSION = "otel.schemaVersion";

    private static final Logger LOG = LoggerFactory.getLogger(OtlpReceiver.class);

    /** Reads the request body whole, refusing it (413) past {@code limit} bytes. */
    @FunctionalInterface
    public interface Body {
        byte[] read(long limit) throws IOException;
    }

    /** The HTTP answer: status, media type, body and, for 503, seconds until a retry. */
    public record Answer(int status, String contentType, byte[] body, Optional<Long> retryAfterSeconds) {}

    private final Authenticator authenticator;
    private final LakeService lake;
    private final TableWriters writers;
    private final long maxWireBytes;
    private final long maxBodyBytes;
    private final GatewayMetrics metrics;

    /**
     * @param maxWireBytes bound on the bytes received ({@code server.max_request_bytes})
     * @param maxBodyBytes bound on the body after gzip inflation ({@code otel.max_body_bytes})
     */
    public OtlpReceiver(Authenticator authenticator, LakeService lake, TableWriters writers, long maxWireBytes, long maxBodyBytes,
            GatewayMetrics metrics) {
        this.authenticator = authenticator;
        this.lake = lake;
        this.writers = writers;
        this.maxWireBytes = maxWireBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    /** @param path the request path, under {@link #PREFIX}; {@code headers} with lower-cased names */
    public Answer receive(String path, String method, Map<String, String> headers, Body body) throws IOException {
        Optional<OtlpEncoding> encoding = OtlpEncoding.ofContentType(headers.get("content-type"));
        OtlpEncoding answerIn = encoding.orElse(OtlpEncoding.JSON);
        Optional<OtlpSignal> signal = OtlpSignal.ofPath(path.substring(PREFIX.length()));
        try {
            if (signal.isEmpty()) {
                throw new GatewayException(ErrorCategory.NOT_FOUND, "No OTLP route " + path
                        + ": use " + PREFIX + "metrics, " + PREFIX + "logs or " + PREFIX + "traces");
            }
            if (!method.equals("POST")) {
                throw new GatewayException(ErrorCategory.METHOD_NOT_ALLOWED, "OTLP export takes POST, not " + method);
            }
            Caller caller = Authenticate.authenticate(authenticator, headers, Map.of());
            OtlpEncoding in = encoding.orElseThrow(() -> new GatewayException(ErrorCategory.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type '" + headers.getOrDefault("content-type", "") + "' is not supported: send OTLP as "
                            + OtlpEncoding.PROTOBUF.contentType() + " or " + OtlpEncoding.JSON.contentType()));
            TableInfo table = table(signal.get(), headers, caller);
            guarded(table, () -> writers.admit(table.location()));
            byte[] raw = Bodies.decompress(headers.get("content-encoding"), body.read(maxWireBytes), maxBodyBytes);
            OtlpBatch batch;
            try {
                batch = Otlp.decode(signal.get(), in, raw, caller.principal().name());
            } catch (OtlpDecodeException e) {
                throw new GatewayException(ErrorCategory.INVALID_REQUEST, e.getMessage());
            }
            if (!batch.rows().isEmpty()) {
                guarded(table, () -> writers.writer(table.location()).write(batch.rows()));
            }
            if (batch.rejected() > 0) {
                LOG.info("OTLP {} into {} by {}: {} rejected ({})", signal.get().path(), table.name(), caller.principal().name(),
                        batch.rejected(), batch.rejectedMessage());
            }
            metrics.otlpExport(signal.get().path(), 200, batch.rows().size(), batch.rejected());
            return new Answer(200, in.contentType(), Otlp.exportResponse(signal.get(), in, batch.rejected(), batch.rejectedMessage()),
                    Optional.empty());
        } catch (RuntimeException e) {
            GatewayError error = e instanceof GatewayException g ? g.error() : unexpected(path, e);
            LOG.info("OTLP {} refused with {}: {}", path, error.status(), error.message());
            metrics.otlpExport(signal.map(OtlpSignal::path).orElse("unknown"), error.status(), 0, 0);
            return new Answer(error.status(), answerIn.contentType(), Otlp.status(answerIn, grpcCode(error.category()), error.message()),
                    error.retryAfter().map(d -> Math.max(1, (d.toMillis() + 999) / 1000)));
        }
    }

    private static GatewayError unexpected(String path, RuntimeException e) {
        LOG.error("OTLP {} failed unexpectedly", path, e);
        return GatewayError.of(ErrorCategory.INTERNAL, "Lakegate failed to store the export (" + e.getClass().getSimpleName() + ")");
    }

    /** The named table, if the caller may write it and it has the schema of the signal's table. */
    private TableInfo table(OtlpSignal signal, Map<String, String> headers, Caller caller) {
        String name = headers.get(TABLE_HEADER);
        if (name == null || name.isBlank()) {
            throw new GatewayException(ErrorCategory.INVALID_REQUEST, "Header X-Databricks-UC-Table-Name is required: "
                    + "the catalog.schema.table that receives these " + signal.path());
        }
        TableInfo table = lake.writableTable(name.strip(), caller);
        if (!"v1".equals(table.properties().get(SCHEMA_VERSION))) {
            throw new GatewayException(ErrorCategory.INVALID_REQUEST, "Table " + table.name() + " is not an OpenTelemetry table: "
                    + "it lacks TBLPROPERTIES ('" + SCHEMA_VERSION + "' = 'v1'); create it with the DDL of SPEC §5 or "
                    + "`lakegate otel create-tables`");
        }
        signal.schemaProblem(table.columns()).ifPresent(problem -> {
            throw new GatewayException(ErrorCategory.INVALID_REQUEST, "Table " + table.name() + " cannot take OTLP "
                    + signal.path() + ": " + problem);
        });
        return table;
    }

    /** Runs a step of writing to the table's log, turning its failures into answers an exporter can act on. */
    private static void guarded(TableInfo table, Runnable step) {
        try {
            step.run();
        } catch (BackPressureException e) {
            throw new GatewayException(GatewayError.of(ErrorCategory.UPSTREAM_UNAVAILABLE, "Table " + table.name()
                    + " is taking rows more slowly than they arrive; retry later (" + e.getMessage() + ")").withRetryAfter(e.retryAfter()));
        } catch (WalException | IllegalStateException e) {
            // a failed log, or a gateway shutting down: retryable, so the exporter keeps the data
            LOG.warn("write-ahead log of {} cannot take rows: {}", table.name(), e.toString());
            throw new GatewayException(GatewayError.of(ErrorCategory.UPSTREAM_UNAVAILABLE, "Table " + table.name()
                    + " cannot take rows right now; retry later").withRetryAfter(Duration.ofSeconds(5)));
        } catch (IllegalArgumentException e) {
            throw new GatewayException(ErrorCategory.INVALID_REQUEST, "Rows do not fit table " + table.name() + ": " + e.getMessage());
        }
    }

    /** gRPC status codes of {@code google.rpc.Code}, as OTLP/HTTP error bodies carry them. */
    static int grpcCode(ErrorCategory category) {
        return switch (category) {
            case INVALID_REQUEST, UNSUPPORTED_MEDIA_TYPE -> 3;
            case NOT_FOUND -> 5;
            case PERMISSION, BUDGET_EXCEEDED -> 7;
            case RATE_LIMITED, REQUEST_TOO_LARGE -> 8;
            case METHOD_NOT_ALLOWED -> 12;
            case INTERNAL, UPSTREAM_ERROR -> 13;
            case UPSTREAM_UNAVAILABLE, OVERLOADED -> 14;
            case TIMEOUT -> 4;
            case AUTHENTICATION -> 16;
        };
    }
}
