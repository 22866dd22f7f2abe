package dev.lakegate.e2e.otel;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/**
 * Telemetry made with the OpenTelemetry Java SDK (real clock, random ids): one data point or more of
 * every kind of instrument, log records with a string, an int and a map body, and a small span tree.
 * The resource carries {@code test.run} so that SQL can pick one run's rows; the values below are what
 * the tests expect back.
 */
record SdkSignals(String run, List<MetricData> metrics, List<LogRecordData> logs, List<SpanData> spans) {
    static final String REMOTE_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String REMOTE_SPAN = "b7ad6b7169203331";

    static SdkSignals record(String run) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(stringKey("service.name"), "lakegate-e2e",
                stringKey("test.run"), run, longKey("process.pid"), 4242L)));
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
        // what OTLP backends usually ask for: delta sums, cumulative histograms and gauges
        InMemoryMetricReader reader = InMemoryMetricReader.builder()
                .setAggregationTemporalitySelector(type -> switch (type) {
                    case COUNTER -> AggregationTemporality.DELTA;
                    default -> AggregationTemporality.CUMULATIVE;
                })
                .build();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource)
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
                SdkLoggerProvider logging = SdkLoggerProvider.builder().setResource(resource)
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build();
                SdkMeterProvider metering = SdkMeterProvider.builder().setResource(resource).registerMetricReader(reader)
                        .registerView(InstrumentSelector.builder().setName("lakegate.e2e.payload").build(),
                                View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
                        .build()) {
            Tracer tracer = tracing.get("lakegate.e2e.tracer");
            Meter meter = metering.meterBuilder("lakegate.e2e.meter").setInstrumentationVersion("1.2.3").build();
            Logger logger = logging.get("lakegate.e2e.logger");

            var requests = meter.counterBuilder("lakegate.e2e.requests").setUnit("{request}").setDescription("Requests").build();
            var inFlight = meter.upDownCounterBuilder("lakegate.e2e.in_flight").build();
            var temperature = meter.gaugeBuilder("lakegate.e2e.temperature").setUnit("Cel").build();
            var duration = meter.histogramBuilder("lakegate.e2e.duration").setUnit("s")
                    .setExplicitBucketBoundariesAdvice(List.of(0.1, 1.0, 10.0)).build();
            var payload = meter.histogramBuilder("lakegate.e2e.payload").setUnit("By").build();

            requests.add(120, Attributes.of(stringKey("type"), "input"));
            requests.add(30, Attributes.of(stringKey("type"), "output"));
            inFlight.add(2);
            inFlight.add(-3);
            temperature.set(21.5, Attributes.of(stringKey("room"), "lab"));
            for (double d : new double[] {0.25, 4.0, 40.0}) {
                duration.record(d, Attributes.of(stringKey("http.route"), "/v1/messages"));
            }
            for (double b : new double[] {1536, 0.25, 0}) {
                payload.record(b);
            }

            SpanContext remote = SpanContext.createFromRemoteParent(REMOTE_TRACE, REMOTE_SPAN, TraceFlags.getSampled(),
                    TraceState.builder().put("vendor", "v1").build());
            Span root = tracer.spanBuilder("POST /v1/messages").setSpanKind(SpanKind.SERVER)
                    .setAttribute(longKey("http.response.status_code"), 200L).startSpan();
            try (Scope ignored = root.makeCurrent()) {
                Span child = tracer.spanBuilder("chat e2e-claude").setSpanKind(SpanKind.CLIENT)
                        .addLink(remote, Attributes.of(booleanKey("retry"), true)).startSpan();
                child.addEvent("gen_ai.first_token", Attributes.of(longKey("index"), 0L));
                child.setStatus(StatusCode.ERROR, "upstream answered 529");
                child.end();
                tracer.spanBuilder("render").startSpan().end();
                // in the root span's context: the record carries its trace and span ids
                logger.logRecordBuilder().setSeverity(Severity.INFO).setSeverityText("INFO").setBody("plain text body")
                        .setAttribute(booleanKey("a.bool"), false).setAttribute(longKey("a.long"), -42L)
                        .setAttribute(doubleKey("a.double"), 0.5).setAttribute(stringArrayKey("a.strings"), List.of("x", "y"))
                        .emit();
            }
            root.setStatus(StatusCode.OK);
            root.end();
            logger.logRecordBuilder().setEventName("lakegate.e2e.event").setSeverity(Severity.WARN)
                    .setBody(Value.of(KeyValue.of("k", Value.of("v")), KeyValue.of("n", Value.of(1.5)))).emit();
            logger.logRecordBuilder().setBody(Value.of(7L)).setAttribute(stringKey("event.name"), "from.attribute").emit();
            return new SdkSignals(run, reader.collectAllMetrics().stream().toList(), logs.getFinishedLogRecordItems(),
                    spans.getFinishedSpanItems());
        }
    }

    SpanData span(String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }
}
