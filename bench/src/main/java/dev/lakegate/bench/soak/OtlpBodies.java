package dev.lakegate.bench.soak;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.lakegate.bench.otel.ExportBodies;
import dev.lakegate.lake.otel.OtlpEncoding;
import dev.lakegate.lake.otel.OtlpSignal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * OTLP export bodies for the soak's exporters: metrics and logs shaped like Claude Code's
 * ({@link ExportBodies}), traces of a few spans per request, each in protobuf or in OTLP/JSON (protobuf's
 * JSON mapping with trace and span ids in hex).
 */
final class OtlpBodies {
    private static final int POOL = 16;
    private static final int SPANS = 20;
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private OtlpBodies() {}

    static List<byte[]> pool(OtlpSignal signal, OtlpEncoding encoding) {
        List<Message> messages = new ArrayList<>();
        if (signal == OtlpSignal.TRACES) {
            Random random = new Random(44);
            for (int i = 0; i < POOL; i++) {
                messages.add(traces(random));
            }
        } else {
            for (byte[] b : ExportBodies.pool(signal, POOL, signal.ordinal() + 42L)) {
                messages.add(parse(signal, b));
            }
        }
        return messages.stream().map(m -> encoding == OtlpEncoding.PROTOBUF ? m.toByteArray() : json(m)).toList();
    }

    private static Message parse(OtlpSignal signal, byte[] body) {
        try {
            return signal == OtlpSignal.METRICS ? ExportMetricsServiceRequest.parseFrom(body) : ExportLogsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Protobuf's JSON mapping prints bytes in base64; OTLP/JSON has the ids (the only bytes fields here) in hex. */
    private static byte[] json(Message m) {
        String json;
        try {
            json = JSON.print(m);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        if (m instanceof ExportTraceServiceRequest traces) {
            for (Span span : traces.getResourceSpans(0).getScopeSpans(0).getSpansList()) {
                for (ByteString id : List.of(span.getTraceId(), span.getSpanId(), span.getParentSpanId())) {
                    if (!id.isEmpty()) {
                        json = json.replace('"' + Base64.getEncoder().encodeToString(id.toByteArray()) + '"',
                                '"' + HexFormat.of().formatHex(id.toByteArray()) + '"');
                    }
                }
            }
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** One agent request's trace: a root span and its children (tool calls), a millisecond or more each. */
    private static ExportTraceServiceRequest traces(Random random) {
        byte[] traceId = new byte[16];
        random.nextBytes(traceId);
        ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("com.anthropic.claude_code"));
        long start = System.currentTimeMillis() * 1_000_000L;
        byte[] root = new byte[8];
        for (int s = 0; s < SPANS; s++) {
            byte[] spanId = new byte[8];
            random.nextBytes(spanId);
            if (s == 0) {
                root = spanId;
            }
            Span.Builder span = Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
                    .setName(s == 0 ? "claude_code.interaction" : "claude_code.tool").setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                    .setStartTimeUnixNano(start + s * 1_000_000L).setEndTimeUnixNano(start + s * 1_000_000L + 1_000_000L + random.nextInt(50_000_000))
                    .addAttributes(attr("tool_name", s == 0 ? "" : "Bash"));
            if (s > 0) {
                span.setParentSpanId(ByteString.copyFrom(root));
            }
            scope.addSpans(span);
        }
        Resource resource = Resource.newBuilder().addAttributes(attr("service.name", "claude-code")).build();
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope)).build();
    }

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
