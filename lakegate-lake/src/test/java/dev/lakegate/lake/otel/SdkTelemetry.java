package dev.lakegate.lake.otel;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longArrayKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.api.common.AttributeKey.valueKey;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
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
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Telemetry recorded with the OpenTelemetry Java SDK on a fixed clock and fixed ids, so the
 * exported bodies are the same on every run: every metric kind the SDK makes (gauge, monotonic
 * and non-monotonic sums in both temporalities, explicit and exponential histograms, exemplars
 * from a sampled span), log records with every body type and an event name, and spans of every
 * kind with a parent, events, links and status.
 */
record SdkTelemetry(List<MetricData> metrics, List<LogRecordData> logs, List<SpanData> spans) {
  static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN_ROOT = "00f067aa0ba90201";
  private static final Resource RESOURCE = Resource.create(
      Attributes.of(stringKey("service.name"), "sdk-test", longKey("process.pid"), 4242L,
          stringArrayKey("host.ip"), List.of("10.0.0.1", "10.0.0.2")),
      "https://opentelemetry.io/schemas/1.26.0");

  static SdkTelemetry record() {
    TestClock clock = TestClock.create(Instant.parse("2026-01-02T03:04:05.123456789Z"));
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    // delta for the synchronous sums, cumulative for the asynchronous ones and the histograms
    InMemoryMetricReader reader = InMemoryMetricReader.builder()
        .setAggregationTemporalitySelector(type -> switch (type) {
          case COUNTER, UP_DOWN_COUNTER -> AggregationTemporality.DELTA;
          default -> AggregationTemporality.CUMULATIVE;
        })
        .build();
    try (SdkTracerProvider tracing = SdkTracerProvider.builder().setClock(clock).setResource(RESOURCE)
            .setIdGenerator(new CountingIds()).addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        SdkLoggerProvider logging = SdkLoggerProvider.builder().setClock(clock).setResource(RESOURCE)
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build();
        SdkMeterProvider metering = SdkMeterProvider.builder().setClock(clock).setResource(RESOURCE)
            .registerMetricReader(reader)
            .registerView(InstrumentSelector.builder().setName("gen_ai.client.token.usage").build(),
                View.builder().setAttributeFilter(Set.of("gen_ai.token.type")).build())
            .registerView(InstrumentSelector.builder().setName("payload.size").build(),
                View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram(16, 10)).build())
            .build()) {
      Tracer tracer = tracing.tracerBuilder("lakegate.test.tracer").setInstrumentationVersion("1.0.0")
          .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0").build();
      Tracer other = tracing.get("lakegate.test.other");
      Meter meter = metering.meterBuilder("lakegate.test.meter").setInstrumentationVersion("0.9.0").build();
      Logger logger = logging.loggerBuilder("lakegate.test.logger").setInstrumentationVersion("2.0.0").build();

      LongCounter tokens = meter.counterBuilder("gen_ai.client.token.usage").setUnit("{token}")
          .setDescription("Tokens used").build();
      DoubleHistogram latency = meter.histogramBuilder("http.server.request.duration").setUnit("s")
          .setExplicitBucketBoundariesAdvice(List.of(0.1, 1.0, 10.0)).build();
      DoubleHistogram payload = meter.histogramBuilder("payload.size").setUnit("By").build();
      var inFlight = meter.upDownCounterBuilder("http.server.active_requests").build();
      var temperature = meter.gaugeBuilder("device.temperature").setUnit("Cel").build();
      meter.counterBuilder("process.cpu.time").ofDoubles().setUnit("s")
          .buildWithCallback(m -> m.record(12.5, Attributes.of(stringKey("cpu.mode"), "user")));
      meter.upDownCounterBuilder("process.thread.count").buildWithCallback(m -> m.record(-3));

      SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.builder().put("vendor", "v1").build());
      Span root = tracer.spanBuilder("POST /v1/messages").setSpanKind(SpanKind.SERVER)
          .setAttribute("http.request.method", "POST").setAttribute(longKey("http.response.status_code"), 200L)
          .startSpan();
      clock.advance(Duration.ofMillis(3));
      try (Scope ignored = root.makeCurrent()) {
        // measurements in a sampled span's context carry an exemplar: one per series keeps them deterministic
        tokens.add(120, Attributes.of(stringKey("gen_ai.token.type"), "input", stringKey("user.id"), "u-1"));
        latency.record(0.25, Attributes.of(stringKey("http.route"), "/v1/messages"));
        payload.record(1536, Attributes.empty());
        temperature.set(21.5, Attributes.of(stringKey("room"), "lab"));
        inFlight.add(2, Attributes.empty());

        Span child = tracer.spanBuilder("chat gw-claude").setSpanKind(SpanKind.CLIENT)
            .addLink(remote, Attributes.of(booleanKey("retry"), true)).startSpan();
        clock.advance(Duration.ofMillis(5));
        child.addEvent("gen_ai.first_token", Attributes.of(longKey("index"), 0L, doubleKey("delay"), 0.005));
        clock.advance(Duration.ofMillis(7));
        child.setStatus(StatusCode.ERROR, "upstream answered 529");
        child.end();
        other.spanBuilder("enqueue").setSpanKind(SpanKind.PRODUCER).startSpan().end();
        other.spanBuilder("dequeue").setSpanKind(SpanKind.CONSUMER).setNoParent().startSpan().end();
        tracer.spanBuilder("render").startSpan().end();

        logger.logRecordBuilder().setSeverity(Severity.INFO).setSeverityText("INFO").setBody("plain text body")
            .setAttribute(stringKey("a.string"), "x").setAttribute(booleanKey("a.bool"), false)
            .setAttribute(longArrayKey("a.longs"), List.of(1L, -2L))
            .setAttribute(doubleArrayKey("a.doubles"), List.of(0.5, 1e21)).emit();
        logger.logRecordBuilder().setEventName("gen_ai.client.inference.operation.details")
            .setSeverity(Severity.WARN2).setBody(Value.of(42L)).emit();
      }
      clock.advance(Duration.ofMillis(2));
      root.setStatus(StatusCode.OK);
      root.end();

      logger.logRecordBuilder().setTimestamp(Instant.parse("2026-01-02T03:04:00Z")).setSeverity(Severity.ERROR)
          .setBody(Value.of(KeyValue.of("k", Value.of("v")), KeyValue.of("n", Value.of(1.5)),
              KeyValue.of("nested", Value.of(Value.of(true), Value.of(new byte[] {1, 2, 3})))))
          .setAttribute(valueKey("a.map"), Value.of(KeyValue.of("x", Value.of(1L))))
          .emit();
      logger.logRecordBuilder().setBody(Value.of(Value.of("a"), Value.of(1L), Value.of(2.5), Value.of(false)))
          .emit();
      logger.logRecordBuilder().setBody(Value.of(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}))
          .setAttribute(stringKey("event.name"), "from.attribute").emit();

      // outside any span: no exemplars, and a second data point in other series
      tokens.add(30, Attributes.of(stringKey("gen_ai.token.type"), "output"));
      latency.record(4.0, Attributes.of(stringKey("http.route"), "/v1/messages"));
      latency.record(40.0, Attributes.of(stringKey("http.route"), "/v1/messages"));
      payload.record(0.25, Attributes.empty());
      payload.record(0, Attributes.empty());
      clock.advance(Duration.ofSeconds(1));
      List<MetricData> metrics = reader.collectAllMetrics().stream()
          .sorted(Comparator.comparing(MetricData::getName)).toList();
      return new SdkTelemetry(metrics, logs.getFinishedLogRecordItems(), spans.getFinishedSpanItems());
    }
  }

  /** Ids counting up from fixed prefixes: the first trace is {@link #TRACE_A}, the first span {@link #SPAN_ROOT}. */
  private static final class CountingIds implements IdGenerator {
    private int traces;
    private int spans;

    @Override
    public String generateTraceId() {
      return String.format("4bf92f3577b34da6a3ce929d0e0e47%02x", 0x36 + traces++);
    }

    @Override
    public String generateSpanId() {
      return String.format("00f067aa0ba902%02x", 1 + spans++);
    }
  }
}
