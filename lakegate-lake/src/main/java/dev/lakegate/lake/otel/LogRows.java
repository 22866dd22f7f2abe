package dev.lakegate.lake.otel;

import dev.lakegate.lake.delta.Row;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code _otel_logs} rows: one per log record. */
final class LogRows {
  private LogRows() {}

  static OtlpBatch map(ExportLogsServiceRequest request, String principal) {
    Rejections rejected = new Rejections("log record");
    List<Row> rows = new ArrayList<>(countRecords(request));
    List<ResourceLogs> resources = request.getResourceLogsList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceLogs rl = resources.get(r);
      Row resource = Origin.resource(rl.getResource(), principal);
      List<ScopeLogs> scopes = rl.getScopeLogsList();
      for (int s = 0; s < scopes.size(); s++) {
        ScopeLogs sl = scopes.get(s);
        Origin origin = Origin.of(resource, rl.getSchemaUrl(), sl.getScope(), sl.getSchemaUrl());
        List<LogRecord> records = sl.getLogRecordsList();
        for (int i = 0; i < records.size(); i++) {
          LogRecord record = records.get(i);
          String bad = Fields.badIds(record.getTraceId(), record.getSpanId());
          if (bad != null) {
            rejected.add("log record resourceLogs[" + r + "].scopeLogs[" + s + "].logRecords[" + i + "] " + bad);
          } else {
            rows.add(row(record, origin));
          }
        }
      }
    }
    return rejected.batch(rows);
  }

  private static Row row(LogRecord record, Origin origin) {
    Map<String, String> attributes = AnyValues.attributes(record.getAttributesList());
    return Row.of(eventName(record, attributes), Fields.hex(record.getTraceId()), Fields.hex(record.getSpanId()),
        record.getTimeUnixNano(), record.getObservedTimeUnixNano(),
        Fields.name(record.getSeverityNumber(), record.getSeverityNumberValue()), record.getSeverityText(),
        AnyValues.text(record.getBody()), attributes, record.getDroppedAttributesCount(), record.getFlags(),
        origin.resource(), origin.resourceSchemaUrl(), origin.scope(), origin.schemaUrl());
  }

  /** The record's event name, else its {@code event.name} attribute (older SDKs), else null. */
  private static String eventName(LogRecord record, Map<String, String> attributes) {
    String name = record.getEventName();
    return name.isEmpty() ? attributes.get("event.name") : name;
  }

  private static int countRecords(ExportLogsServiceRequest request) {
    int n = 0;
    for (ResourceLogs rl : request.getResourceLogsList()) {
      for (ScopeLogs sl : rl.getScopeLogsList()) n += sl.getLogRecordsCount();
    }
    return n;
  }
}
