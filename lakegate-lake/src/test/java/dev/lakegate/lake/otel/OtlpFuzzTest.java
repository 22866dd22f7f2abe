package dev.lakegate.lake.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets: an OTLP/HTTP export body, protobuf or JSON, decoded as each signal by {@link Otlp}.
 * Arbitrary bytes either map or fail with {@link OtlpDecodeException} (a 400), nothing else; the
 * principal stamp changes no row count; and a protobuf body re-encoded canonically maps to the same
 * rows. Seeds: Claude Code's captured exports and the OTLP/JSON examples, in
 * {@code OtlpFuzzTestInputs/<method>/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OtlpFuzzTest {

    @FuzzTest
    void protobuf(byte[] body) throws InvalidProtocolBufferException {
        for (OtlpSignal signal : OtlpSignal.values()) {
            OtlpBatch batch = decode(signal, OtlpEncoding.PROTOBUF, body);
            if (batch != null) {
                byte[] canonical = switch (signal) {
                    case METRICS -> ExportMetricsServiceRequest.parseFrom(body).toByteArray();
                    case LOGS -> ExportLogsServiceRequest.parseFrom(body).toByteArray();
                    case TRACES -> ExportTraceServiceRequest.parseFrom(body).toByteArray();
                };
                assertThat(Otlp.decode(signal, OtlpEncoding.PROTOBUF, canonical)).as("re-encoded %s", signal).isEqualTo(batch);
            }
        }
    }

    @FuzzTest
    void json(byte[] body) {
        for (OtlpSignal signal : OtlpSignal.values()) {
            decode(signal, OtlpEncoding.JSON, body);
        }
    }

    /** The batch, or null when the body was refused as it should be. */
    private static OtlpBatch decode(OtlpSignal signal, OtlpEncoding encoding, byte[] body) {
        OtlpBatch batch;
        try {
            batch = Otlp.decode(signal, encoding, body);
        } catch (OtlpDecodeException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
        OtlpBatch stamped = Otlp.decode(signal, encoding, body, "fuzz@example.com");
        assertThat(stamped.rows()).hasSameSizeAs(batch.rows());
        assertThat(stamped.rejected()).isEqualTo(batch.rejected());
        assertThat(batch.rejected() > 0).isEqualTo(batch.rejectedMessage() != null);
        return batch;
    }
}
