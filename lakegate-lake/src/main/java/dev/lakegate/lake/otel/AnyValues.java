package dev.lakegate.lake.otel;

import com.google.gson.stream.JsonWriter;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Attribute values and log bodies as the STRING of the OTel tables (SPEC §5; rules in package-info). */
final class AnyValues {
  private AnyValues() {}

  /** The text of a value; null for an empty one. */
  static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue() ? "true" : "false";
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BYTES_VALUE -> base64(v.getBytesValue());
      case ARRAY_VALUE, KVLIST_VALUE -> json(v);
      // a string-table index belongs to profiles: metrics, logs and spans have no table to resolve it
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> null;
    };
  }

  /** Key-value pairs as a map in the sender's order; a repeated key keeps its last value. */
  static Map<String, String> attributes(List<KeyValue> pairs) {
    int n = pairs.size();
    if (n == 0) return Map.of();
    Map<String, String> map = LinkedHashMap.newLinkedHashMap(n);
    for (int i = 0; i < n; i++) {
      KeyValue kv = pairs.get(i);
      map.put(kv.getKey(), text(kv.getValue()));
    }
    return Collections.unmodifiableMap(map); // shared by rows: a scope's attributes by all its items
  }

  private static String base64(ByteString bytes) {
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static String json(AnyValue v) {
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      write(w, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** Arrays and key-value lists as JSON of the typed values: {@code ["a",1,2.5,true,{"k":"v"},null]}. */
  private static void write(JsonWriter w, AnyValue v) throws IOException {
    switch (v.getValueCase()) {
      case STRING_VALUE -> w.value(v.getStringValue());
      case BOOL_VALUE -> w.value(v.getBoolValue());
      case INT_VALUE -> w.value(v.getIntValue());
      case DOUBLE_VALUE -> {
        double d = v.getDoubleValue();
        if (Double.isFinite(d)) w.value(d); else w.value(Double.toString(d)); // JSON has no NaN or Infinity
      }
      case BYTES_VALUE -> w.value(base64(v.getBytesValue()));
      case ARRAY_VALUE -> {
        w.beginArray();
        for (AnyValue e : v.getArrayValue().getValuesList()) write(w, e);
        w.endArray();
      }
      case KVLIST_VALUE -> {
        Map<String, AnyValue> fields = new LinkedHashMap<>();
        for (KeyValue kv : v.getKvlistValue().getValuesList()) fields.put(kv.getKey(), kv.getValue());
        w.beginObject();
        for (Map.Entry<String, AnyValue> f : fields.entrySet()) {
          w.name(f.getKey());
          write(w, f.getValue());
        }
        w.endObject();
      }
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> w.nullValue();
    }
  }
}
