package dev.lakegate.e2e.otel;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.internal.StandardComponentId.ExporterType;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How the SDK's OTLP/HTTP exporters put a batch on the wire: protobuf plain or gzipped through the
 * public exporters, or OTLP/JSON through the same exporter in its internal JSON mode
 * ({@code HttpExporterBuilder.exportAsJson()}; the public builders of 1.68.0 send protobuf only). Each
 * export uses a new exporter, waits up to 10 s for its result and shuts the exporter down.
 */
enum SdkWire {
    PROTOBUF("none"),
    GZIP("gzip"),
    JSON("none");

    private final String compression;

    SdkWire(String compression) {
        this.compression = compression;
    }

    /** @param url the signal's full endpoint URL; {@code headers} are sent with every request */
    CompletableResultCode metrics(String url, Map<String, String> headers, Collection<MetricData> data) {
        if (this == JSON) {
            return json(ExporterType.OTLP_HTTP_JSON_METRIC_EXPORTER, url, headers, MetricsRequestMarshaler.create(data), data.size());
        }
        var b = OtlpHttpMetricExporter.builder().setEndpoint(url).setCompression(compression);
        headers.forEach(b::addHeader);
        var exporter = b.build();
        return finish(() -> exporter.export(data), exporter::shutdown);
    }

    CompletableResultCode logs(String url, Map<String, String> headers, Collection<LogRecordData> data) {
        if (this == JSON) {
            return json(ExporterType.OTLP_HTTP_JSON_LOG_EXPORTER, url, headers, LogsRequestMarshaler.create(data), data.size());
        }
        var b = OtlpHttpLogRecordExporter.builder().setEndpoint(url).setCompression(compression);
        headers.forEach(b::addHeader);
        var exporter = b.build();
        return finish(() -> exporter.export(data), exporter::shutdown);
    }

    CompletableResultCode spans(String url, Map<String, String> headers, Collection<SpanData> data) {
        if (this == JSON) {
            return json(ExporterType.OTLP_HTTP_JSON_SPAN_EXPORTER, url, headers, TraceRequestMarshaler.create(data), data.size());
        }
        var b = OtlpHttpSpanExporter.builder().setEndpoint(url).setCompression(compression);
        headers.forEach(b::addHeader);
        var exporter = b.build();
        return finish(() -> exporter.export(data), exporter::shutdown);
    }

    private static CompletableResultCode json(ExporterType type, String url, Map<String, String> headers, Marshaler request, int items) {
        HttpExporterBuilder b = new HttpExporterBuilder(type, url).exportAsJson();
        headers.forEach(b::addConstantHeaders);
        HttpExporter exporter = b.build();
        return finish(() -> exporter.export(request, items), exporter::shutdown);
    }

    private static CompletableResultCode finish(Supplier<CompletableResultCode> export, Supplier<CompletableResultCode> shutdown) {
        CompletableResultCode result = export.get().join(10, TimeUnit.SECONDS);
        shutdown.get().join(10, TimeUnit.SECONDS);
        return result;
    }
}
