package dev.lakegate.lake.otel;

import dev.lakegate.lake.delta.Row;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code _otel_metrics} rows: one per data point, with exactly one of the five metric structs set,
 * the one named by {@code metric_type}.
 */
final class MetricRows {
  private static final int COLUMNS = 14;
  private static final int FIRST_STRUCT = 4; // gauge, sum, histogram, exponential_histogram, summary
  private static final int GAUGE = 0, SUM = 1, HISTOGRAM = 2, EXPONENTIAL_HISTOGRAM = 3, SUMMARY = 4;

  private final List<Row> rows;
  private final Rejections rejected = new Rejections("data point");

  private MetricRows(int points) {
    rows = new ArrayList<>(points);
  }

  static OtlpBatch map(ExportMetricsServiceRequest request, String principal) {
    MetricRows out = new MetricRows(countPoints(request));
    List<ResourceMetrics> resources = request.getResourceMetricsList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceMetrics rm = resources.get(r);
      Row resource = Origin.resource(rm.getResource(), principal);
      List<ScopeMetrics> scopes = rm.getScopeMetricsList();
      for (int s = 0; s < scopes.size(); s++) {
        ScopeMetrics sm = scopes.get(s);
        Origin origin = Origin.of(resource, rm.getSchemaUrl(), sm.getScope(), sm.getSchemaUrl());
        List<Metric> metrics = sm.getMetricsList();
        for (int m = 0; m < metrics.size(); m++) {
          out.add(new Header(metrics.get(m), origin, r, s, m));
        }
      }
    }
    return out.rejected.batch(out.rows);
  }

  /** What every row of one metric shares, and where the metric sits in the request (for messages). */
  private record Header(Metric metric, Map<String, String> metadata, Origin origin, int r, int s, int m) {
    Header(Metric metric, Origin origin, int r, int s, int m) {
      this(metric, AnyValues.attributes(metric.getMetadataList()), origin, r, s, m);
    }

    Row row(String type, int struct, Row point) {
      Object[] v = new Object[COLUMNS];
      v[0] = metric.getName();
      v[1] = metric.getDescription();
      v[2] = metric.getUnit();
      v[3] = type;
      v[FIRST_STRUCT + struct] = point;
      v[9] = metadata;
      v[10] = origin.resource();
      v[11] = origin.resourceSchemaUrl();
      v[12] = origin.scope();
      v[13] = origin.schemaUrl();
      return Row.of(v);
    }

    String where() {
      return "metric '" + metric.getName() + "' (resourceMetrics[" + r + "].scopeMetrics[" + s + "].metrics[" + m + "])";
    }
  }

  private void add(Header h) {
    Metric metric = h.metric();
    switch (metric.getDataCase()) {
      case GAUGE -> {
        List<NumberDataPoint> points = metric.getGauge().getDataPointsList();
        for (int i = 0; i < points.size(); i++) {
          NumberDataPoint p = points.get(i);
          List<Row> exemplars = exemplars(p.getExemplarsList(), h, i);
          if (exemplars == null) continue;
          rows.add(h.row("gauge", GAUGE, Row.of(p.getStartTimeUnixNano(), p.getTimeUnixNano(), value(p), exemplars,
              AnyValues.attributes(p.getAttributesList()), p.getFlags())));
        }
      }
      case SUM -> {
        Sum sum = metric.getSum();
        String temporality = Fields.name(sum.getAggregationTemporality(), sum.getAggregationTemporalityValue());
        List<NumberDataPoint> points = sum.getDataPointsList();
        for (int i = 0; i < points.size(); i++) {
          NumberDataPoint p = points.get(i);
          List<Row> exemplars = exemplars(p.getExemplarsList(), h, i);
          if (exemplars == null) continue;
          rows.add(h.row("sum", SUM, Row.of(p.getStartTimeUnixNano(), p.getTimeUnixNano(), value(p), exemplars,
              AnyValues.attributes(p.getAttributesList()), p.getFlags(), temporality, sum.getIsMonotonic())));
        }
      }
      case HISTOGRAM -> {
        Histogram histogram = metric.getHistogram();
        String temporality = Fields.name(histogram.getAggregationTemporality(),
            histogram.getAggregationTemporalityValue());
        List<HistogramDataPoint> points = histogram.getDataPointsList();
        for (int i = 0; i < points.size(); i++) {
          HistogramDataPoint p = points.get(i);
          List<Row> exemplars = exemplars(p.getExemplarsList(), h, i);
          if (exemplars == null) continue;
          rows.add(h.row("histogram", HISTOGRAM, Row.of(p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getCount(),
              p.hasSum() ? p.getSum() : null, p.getBucketCountsList(), p.getExplicitBoundsList(), exemplars,
              AnyValues.attributes(p.getAttributesList()), p.getFlags(), p.hasMin() ? p.getMin() : null,
              p.hasMax() ? p.getMax() : null, temporality)));
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        ExponentialHistogram histogram = metric.getExponentialHistogram();
        String temporality = Fields.name(histogram.getAggregationTemporality(),
            histogram.getAggregationTemporalityValue());
        List<ExponentialHistogramDataPoint> points = histogram.getDataPointsList();
        for (int i = 0; i < points.size(); i++) {
          ExponentialHistogramDataPoint p = points.get(i);
          List<Row> exemplars = exemplars(p.getExemplarsList(), h, i);
          if (exemplars == null) continue;
          rows.add(h.row("exponential_histogram", EXPONENTIAL_HISTOGRAM, Row.of(
              AnyValues.attributes(p.getAttributesList()), p.getStartTimeUnixNano(), p.getTimeUnixNano(),
              p.getCount(), p.hasSum() ? p.getSum() : null, p.getScale(), p.getZeroCount(),
              buckets(p.getPositive()), buckets(p.getNegative()), p.getFlags(), exemplars,
              p.hasMin() ? p.getMin() : null, p.hasMax() ? p.getMax() : null, p.getZeroThreshold(), temporality)));
        }
      }
      case SUMMARY -> {
        for (SummaryDataPoint p : metric.getSummary().getDataPointsList()) {
          List<Row> quantiles = new ArrayList<>(p.getQuantileValuesCount());
          for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
            quantiles.add(Row.of(q.getQuantile(), q.getValue()));
          }
          rows.add(h.row("summary", SUMMARY, Row.of(p.getStartTimeUnixNano(), p.getTimeUnixNano(), p.getCount(),
              p.getSum(), Collections.unmodifiableList(quantiles), AnyValues.attributes(p.getAttributesList()),
              p.getFlags())));
        }
      }
      case DATA_NOT_SET -> rejected.add(h.where() + " has no data (DATA_NOT_SET)");
    }
  }

  /** The exemplars as rows; null, with the data point rejected, when one has an id of the wrong length. */
  private List<Row> exemplars(List<Exemplar> exemplars, Header h, int point) {
    int n = exemplars.size();
    if (n == 0) return List.of();
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Exemplar e = exemplars.get(i);
      String bad = Fields.badIds(e.getTraceId(), e.getSpanId());
      if (bad != null) {
        rejected.add(h.where() + " data point " + point + ": exemplar " + i + " " + bad);
        return null;
      }
      Double value = switch (e.getValueCase()) {
        case AS_DOUBLE -> e.getAsDouble();
        case AS_INT -> (double) e.getAsInt();
        case VALUE_NOT_SET -> null;
      };
      out.add(Row.of(e.getTimeUnixNano(), value, Fields.hex(e.getSpanId()), Fields.hex(e.getTraceId()),
          AnyValues.attributes(e.getFilteredAttributesList())));
    }
    return Collections.unmodifiableList(out);
  }

  private static Double value(NumberDataPoint p) {
    return switch (p.getValueCase()) {
      case AS_DOUBLE -> p.getAsDouble();
      case AS_INT -> (double) p.getAsInt();
      case VALUE_NOT_SET -> null;
    };
  }

  private static Row buckets(ExponentialHistogramDataPoint.Buckets b) {
    return Row.of(b.getOffset(), b.getBucketCountsList());
  }

  private static int countPoints(ExportMetricsServiceRequest request) {
    int n = 0;
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          n += switch (m.getDataCase()) {
            case GAUGE -> m.getGauge().getDataPointsCount();
            case SUM -> m.getSum().getDataPointsCount();
            case HISTOGRAM -> m.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> m.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
          };
        }
      }
    }
    return n;
  }
}
