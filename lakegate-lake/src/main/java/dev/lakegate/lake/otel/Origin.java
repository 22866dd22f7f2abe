package dev.lakegate.lake.otel;

import dev.lakegate.lake.delta.Row;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an item came from: the last four columns of every OTel table ({@code resource},
 * {@code resource_schema_url}, {@code instrumentation_scope}, {@code <signal>_schema_url}), built
 * once per resource and scope and shared by all their rows.
 */
record Origin(Row resource, String resourceSchemaUrl, Row scope, String schemaUrl) {
  /** The attribute the receiver stamps with the authenticated principal's name, overwriting a sent one. */
  static final String PRINCIPAL = "lakegate.principal";

  /** @param principal the name for {@link #PRINCIPAL}; null leaves the attributes as sent */
  static Row resource(Resource r, String principal) {
    Map<String, String> attributes = AnyValues.attributes(r.getAttributesList());
    if (principal != null) {
      Map<String, String> stamped = LinkedHashMap.newLinkedHashMap(attributes.size() + 1);
      stamped.putAll(attributes);
      stamped.put(PRINCIPAL, principal);
      attributes = Collections.unmodifiableMap(stamped);
    }
    return Row.of(attributes, r.getDroppedAttributesCount());
  }

  static Origin of(Row resource, String resourceSchemaUrl, InstrumentationScope s, String schemaUrl) {
    Row scope = Row.of(s.getName(), s.getVersion(), AnyValues.attributes(s.getAttributesList()),
        s.getDroppedAttributesCount());
    return new Origin(resource, resourceSchemaUrl, scope, schemaUrl);
  }
}
