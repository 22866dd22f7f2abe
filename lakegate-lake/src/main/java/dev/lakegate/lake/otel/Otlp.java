package dev.lakegate.lake.otel;

import com.google.gson.JsonObject;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decoding OTLP/HTTP export requests into table rows (SPEC §5) and encoding the answers. Stateless
 * and thread-safe. The mapping rules are in the package documentation.
 */
public final class Otlp {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private Otlp() {}

  /**
   * The rows of one {@code Export…ServiceRequest}, in the column order of {@link OtlpSignal#schema()},
   * and the items that could not be mapped (see {@link OtlpBatch}). An empty body is a valid,
   * empty request.
   *
   * @throws OtlpDecodeException the body does not decode; the message says where and why
   */
  public static OtlpBatch decode(OtlpSignal signal, OtlpEncoding encoding, byte[] body) {
    return map(signal, encoding, body, null);
  }

  /**
   * As {@link #decode(OtlpSignal, OtlpEncoding, byte[])}, with every row's
   * {@code resource.attributes['lakegate.principal']} set to {@code principal}, whatever the sender
   * put there: the owner the row filter of a shared telemetry table reads.
   */
  public static OtlpBatch decode(OtlpSignal signal, OtlpEncoding encoding, byte[] body, String principal) {
    return map(signal, encoding, body, Objects.requireNonNull(principal, "principal"));
  }

  private static OtlpBatch map(OtlpSignal signal, OtlpEncoding encoding, byte[] body, String principal) {
    return switch (signal) {
      case METRICS -> MetricRows.map(parse(ExportMetricsServiceRequest.getDefaultInstance(), signal, encoding, body), principal);
      case LOGS -> LogRows.map(parse(ExportLogsServiceRequest.getDefaultInstance(), signal, encoding, body), principal);
      case TRACES -> SpanRows.map(parse(ExportTraceServiceRequest.getDefaultInstance(), signal, encoding, body), principal);
    };
  }

  /**
   * The signal's {@code Export…ServiceResponse} in {@code encoding}, with {@code partial_success}
   * ({@code rejected} and {@code message}) when {@code rejected > 0}; otherwise the empty response:
   * zero bytes in protobuf, {@code {}} in JSON.
   */
  public static byte[] exportResponse(OtlpSignal signal, OtlpEncoding encoding, long rejected, String message) {
    String text = message == null ? "" : message;
    Message response = switch (signal) {
      case METRICS -> {
        var b = ExportMetricsServiceResponse.newBuilder();
        if (rejected > 0) {
          b.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(rejected).setErrorMessage(text));
        }
        yield b.build();
      }
      case LOGS -> {
        var b = ExportLogsServiceResponse.newBuilder();
        if (rejected > 0) {
          b.setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(rejected).setErrorMessage(text));
        }
        yield b.build();
      }
      case TRACES -> {
        var b = ExportTraceServiceResponse.newBuilder();
        if (rejected > 0) {
          b.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(text));
        }
        yield b.build();
      }
    };
    return switch (encoding) {
      case PROTOBUF -> response.toByteArray();
      case JSON -> {
        try {
          yield PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalStateException("cannot print " + response.getDescriptorForType().getName(), e);
        }
      }
    };
  }

  /**
   * A {@code google.rpc.Status} (the OTLP/HTTP error body) with a gRPC status code: fields
   * {@code code} (1) and {@code message} (2), default values omitted in protobuf as proto3 does.
   */
  public static byte[] status(OtlpEncoding encoding, int code, String message) {
    String text = message == null ? "" : message;
    return switch (encoding) {
      case PROTOBUF -> {
        int size = (code == 0 ? 0 : CodedOutputStream.computeInt32Size(1, code))
            + (text.isEmpty() ? 0 : CodedOutputStream.computeStringSize(2, text));
        byte[] out = new byte[size];
        CodedOutputStream w = CodedOutputStream.newInstance(out);
        try {
          if (code != 0) w.writeInt32(1, code);
          if (!text.isEmpty()) w.writeString(2, text);
          w.checkNoSpaceLeft();
        } catch (IOException e) {
          throw new UncheckedIOException(e); // the array is sized exactly
        }
        yield out;
      }
      case JSON -> {
        JsonObject status = new JsonObject();
        status.addProperty("code", code);
        status.addProperty("message", text);
        yield status.toString().getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <M extends Message> M parse(M empty, OtlpSignal signal, OtlpEncoding encoding, byte[] body) {
    if (body.length == 0) return empty;
    try {
      return switch (encoding) {
        case PROTOBUF -> (M) empty.getParserForType().parseFrom(body);
        case JSON -> {
          Message.Builder builder = empty.newBuilderForType();
          OtlpJson.merge(body, signal, builder);
          yield (M) builder.build();
        }
      };
    } catch (InvalidProtocolBufferException e) {
      throw new OtlpDecodeException("body is not a valid OTLP " + empty.getDescriptorForType().getName() + " ("
          + (encoding == OtlpEncoding.PROTOBUF ? "protobuf" : "JSON") + "): " + e.getMessage(), e);
    }
  }
}
