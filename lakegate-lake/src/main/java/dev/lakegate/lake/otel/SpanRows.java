package dev.lakegate.lake.otel;

import dev.lakegate.lake.delta.Row;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@code _otel_spans} rows: one per span. */
final class SpanRows {
  private SpanRows() {}

  static OtlpBatch map(ExportTraceServiceRequest request, String principal) {
    Rejections rejected = new Rejections("span");
    List<Row> rows = new ArrayList<>(countSpans(request));
    List<ResourceSpans> resources = request.getResourceSpansList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceSpans rs = resources.get(r);
      Row resource = Origin.resource(rs.getResource(), principal);
      List<ScopeSpans> scopes = rs.getScopeSpansList();
      for (int s = 0; s < scopes.size(); s++) {
        ScopeSpans ss = scopes.get(s);
        Origin origin = Origin.of(resource, rs.getSchemaUrl(), ss.getScope(), ss.getSchemaUrl());
        List<Span> spans = ss.getSpansList();
        for (int i = 0; i < spans.size(); i++) {
          Span span = spans.get(i);
          String bad = badIds(span);
          if (bad != null) {
            rejected.add("span resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "] " + bad);
          } else {
            rows.add(row(span, origin));
          }
        }
      }
    }
    return rejected.batch(rows);
  }

  /** A span needs its own ids; its parent's and its links' may be empty but not of another length. */
  private static String badIds(Span span) {
    if (span.getTraceId().isEmpty()) return "has an empty trace_id";
    if (span.getSpanId().isEmpty()) return "has an empty span_id";
    String bad = Fields.badIds(span.getTraceId(), span.getSpanId());
    if (bad == null) bad = Fields.badLength("parent_span_id", span.getParentSpanId(), Fields.SPAN_ID_BYTES);
    for (int i = 0; bad == null && i < span.getLinksCount(); i++) {
      Span.Link link = span.getLinks(i);
      String badLink = Fields.badIds(link.getTraceId(), link.getSpanId());
      if (badLink != null) bad = "has link " + i + " that " + badLink;
    }
    return bad;
  }

  private static Row row(Span span, Origin origin) {
    Status status = span.getStatus();
    return Row.of(Fields.hex(span.getTraceId()), Fields.hex(span.getSpanId()), span.getTraceState(),
        Fields.hex(span.getParentSpanId()), span.getFlags(), span.getName(),
        Fields.name(span.getKind(), span.getKindValue()), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
        AnyValues.attributes(span.getAttributesList()), span.getDroppedAttributesCount(), events(span),
        span.getDroppedEventsCount(), links(span), span.getDroppedLinksCount(),
        Row.of(status.getMessage(), Fields.name(status.getCode(), status.getCodeValue())),
        origin.resource(), origin.resourceSchemaUrl(), origin.scope(), origin.schemaUrl());
  }

  private static List<Row> events(Span span) {
    if (span.getEventsCount() == 0) return List.of();
    List<Row> events = new ArrayList<>(span.getEventsCount());
    for (Span.Event e : span.getEventsList()) {
      events.add(Row.of(e.getTimeUnixNano(), e.getName(), AnyValues.attributes(e.getAttributesList()),
          e.getDroppedAttributesCount()));
    }
    return Collections.unmodifiableList(events);
  }

  private static List<Row> links(Span span) {
    if (span.getLinksCount() == 0) return List.of();
    List<Row> links = new ArrayList<>(span.getLinksCount());
    for (Span.Link l : span.getLinksList()) {
      links.add(Row.of(Fields.hex(l.getTraceId()), Fields.hex(l.getSpanId()), l.getTraceState(),
          AnyValues.attributes(l.getAttributesList()), l.getDroppedAttributesCount(), l.getFlags()));
    }
    return Collections.unmodifiableList(links);
  }

  private static int countSpans(ExportTraceServiceRequest request) {
    int n = 0;
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) n += ss.getSpansCount();
    }
    return n;
  }
}
