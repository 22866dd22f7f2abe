package dev.lakegate.lake.otel;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/** OTLP scalar fields as column values: ids as lowercase hex, enums as their OTLP names. */
final class Fields {
  static final int TRACE_ID_BYTES = 16;
  static final int SPAN_ID_BYTES = 8;
  private static final HexFormat HEX = HexFormat.of();

  private Fields() {}

  /** Lowercase hex of an id; null when empty (SPEC §5). */
  static String hex(ByteString id) {
    return id.isEmpty() ? null : HEX.formatHex(id.toByteArray());
  }

  /** Why a trace/span id pair cannot be stored (a length other than 16/8 bytes), or null; empty ids are fine. */
  static String badIds(ByteString traceId, ByteString spanId) {
    String why = badLength("trace_id", traceId, TRACE_ID_BYTES);
    return why != null ? why : badLength("span_id", spanId, SPAN_ID_BYTES);
  }

  static String badLength(String field, ByteString id, int bytes) {
    return id.isEmpty() || id.size() == bytes ? null
        : "has a " + field + " of " + id.size() + " bytes (expected " + bytes + ")";
  }

  /**
   * The OTLP name of an enum value ({@code SPAN_KIND_SERVER}); the number as text for a value this
   * version of the protocol does not know (the generated getter answers {@code UNRECOGNIZED}).
   */
  static String name(Enum<?> value, int number) {
    String name = value.name();
    return name.equals("UNRECOGNIZED") ? Integer.toString(number) : name;
  }
}
