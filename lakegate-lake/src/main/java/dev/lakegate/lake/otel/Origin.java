package dev.lakegate.lake.otel;

import dev.lakegate.lake.delta.Row;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * Where an item came from: the last four columns of every OTel table ({@code resource},
 * {@code resource_schema_url}, {@code instrumentation_scope}, {@code <signal>_schema_url}), built
 * once per resource and scope and shared by all their rows.
 */
record Origin(Row resource, String resourceSchemaUrl, Row scope, String schemaUrl) {
  static Row resource(Resource r) {
    return Row.of(AnyValues.attributes(r.getAttributesList()), r.getDroppedAttributesCount());
  }

  static Origin of(Row resource, String resourceSchemaUrl, InstrumentationScope s, String schemaUrl) {
    Row scope = Row.of(s.getName(), s.getVersion(), AnyValues.attributes(s.getAttributesList()),
        s.getDroppedAttributesCount());
    return new Origin(resource, resourceSchemaUrl, scope, schemaUrl);
  }
}
