/**
 * OTLP ingestion (SPEC §5): {@link dev.lakegate.lake.otel.Otlp#decode} turns the body of an
 * OTLP/HTTP export request into rows of the signal's table, in the column order of the SPEC's
 * {@code CREATE TABLE} ({@link dev.lakegate.lake.otel.OtlpSignal#schema()}).
 *
 * <p>Decisions (operators' version: {@code docs/otel-mapping.md}):
 *
 * <ul>
 *   <li>One row per metric data point, log record and span. Resource and scope become the last
 *       four columns of every table; their rows and attribute maps are built once per resource
 *       and scope and shared by all rows under them.
 *   <li>{@code resource.attributes['lakegate.principal']}: the authenticated sender's name when the
 *       receiver passes one, overwriting a sent value (the owner a shared table's row filter reads).
 *   <li>Ids: lowercase hex; an empty id is NULL. Times: the nanosecond {@code fixed64} as a LONG.
 *       Enums: their OTLP names ({@code SPAN_KIND_SERVER}, {@code SEVERITY_NUMBER_INFO}, …, the
 *       {@code …_UNSPECIFIED} name for 0); a number this protocol version does not know stays a
 *       number in text. {@code metric_type} is the lower-case field name ({@code sum}, …).
 *   <li>Attribute values and log bodies: a string as is; bool {@code true}/{@code false}; int in
 *       decimal; double as Java's {@link java.lang.Double#toString(double)} (the shortest text that
 *       reads back to the same double, always with a {@code .} or exponent so it never looks like
 *       an int: {@code 1.0}, {@code 0.1067}, {@code 1.0E-5}, {@code NaN}); bytes in base64; arrays
 *       and key-value lists as JSON of the typed values ({@code ["a",1,2.5,true,{"k":"v"},null]},
 *       doubles spelled as above, non-finite ones as strings); an empty value is NULL. A repeated
 *       key keeps its last value, in the position of its first.
 *   <li>Scalars without presence in proto3 are stored as sent, defaults included: an empty
 *       description, unit, schema URL, trace state, severity text or status message is {@code ""},
 *       a zero count or flag is 0. Fields with presence are NULL when absent: histogram
 *       {@code sum}/{@code min}/{@code max}, a data point's or exemplar's {@code value}. Absent
 *       messages (resource, scope, status, exponential buckets) read as their defaults; empty
 *       repeated fields are empty arrays and maps, never NULL.
 *   <li>{@code event_name}: the log record's {@code event_name}, else its {@code event.name}
 *       attribute, else NULL.
 *   <li>Rejected, counted in {@link dev.lakegate.lake.otel.OtlpBatch} rather than thrown (OTLP's
 *       partial success): a metric without data ({@code DATA_NOT_SET}); a span with an empty trace
 *       or span id; a span, log record or exemplar with an id of the wrong length (trace 16
 *       bytes, span 8), which rejects the item it belongs to (an exemplar rejects its data
 *       point, a link its span). Everything else maps.
 *   <li>OTLP/JSON is protobuf's JSON mapping except that ids are hex: see {@code OtlpJson}.
 * </ul>
 */
package dev.lakegate.lake.otel;
