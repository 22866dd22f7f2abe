package dev.lakegate.lake.otel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * OTLP/JSON: protobuf's JSON mapping ({@link JsonFormat}: lowerCamelCase or original field names,
 * 64-bit integers as strings or numbers, enums as names or numbers) except that trace and span ids
 * are hex, not base64. The ids are rewritten to base64 on the JSON tree, at the places the
 * protocol has them, before JsonFormat reads it. Unknown fields are ignored, as the OTLP
 * specification requires of receivers.
 */
final class OtlpJson {
  /** Deeper than any valid request (JsonFormat stops at 100 nested messages); keeps recursion bounded. */
  private static final int MAX_DEPTH = 400;
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final HexFormat HEX = HexFormat.of();

  private record Id(String camel, String snake, String label) {}

  /** A repeated (or message) field on the way to ids, by its JSON names (lowerCamelCase, snake_case). */
  private record Node(List<String> names, List<Id> ids, List<Node> children) {
    Node(String camel, String snake, List<Id> ids, Node... children) {
      this(camel.equals(snake) ? List.of(camel) : List.of(camel, snake), ids, List.of(children));
    }
  }

  private static final Id TRACE_ID = new Id("traceId", "trace_id", "trace id");
  private static final Id SPAN_ID = new Id("spanId", "span_id", "span id");
  private static final Id PARENT_SPAN_ID = new Id("parentSpanId", "parent_span_id", "parent span id");
  private static final List<Id> PAIR = List.of(TRACE_ID, SPAN_ID);

  private static final Node METRICS = new Node("resourceMetrics", "resource_metrics", List.of(),
      new Node("scopeMetrics", "scope_metrics", List.of(),
          new Node("metrics", "metrics", List.of(),
              exemplarsOf("gauge", "gauge"), exemplarsOf("sum", "sum"), exemplarsOf("histogram", "histogram"),
              exemplarsOf("exponentialHistogram", "exponential_histogram"))));
  private static final Node LOGS = new Node("resourceLogs", "resource_logs", List.of(),
      new Node("scopeLogs", "scope_logs", List.of(),
          new Node("logRecords", "log_records", PAIR)));
  private static final Node TRACES = new Node("resourceSpans", "resource_spans", List.of(),
      new Node("scopeSpans", "scope_spans", List.of(),
          new Node("spans", "spans", List.of(TRACE_ID, SPAN_ID, PARENT_SPAN_ID),
              new Node("links", "links", PAIR))));

  private OtlpJson() {}

  private static Node exemplarsOf(String camel, String snake) {
    return new Node(camel, snake, List.of(),
        new Node("dataPoints", "data_points", List.of(), new Node("exemplars", "exemplars", PAIR)));
  }

  /** Reads an OTLP/JSON body into {@code builder}, a builder of the signal's request. */
  static void merge(byte[] body, OtlpSignal signal, Message.Builder builder) throws InvalidProtocolBufferException {
    JsonElement root = parse(utf8(body));
    if (root.isJsonObject()) {
      Node top = switch (signal) {
        case METRICS -> METRICS;
        case LOGS -> LOGS;
        case TRACES -> TRACES;
      };
      rewriteIds(root.getAsJsonObject(), top, "");
    }
    PARSER.merge(root.toString(), builder);
  }

  private static String utf8(byte[] body) throws InvalidProtocolBufferException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidProtocolBufferException("not UTF-8 text");
    }
  }

  private static JsonElement parse(String json) throws InvalidProtocolBufferException {
    checkDepth(json);
    try {
      JsonReader reader = new JsonReader(new StringReader(json));
      reader.setStrictness(Strictness.STRICT);
      JsonElement root = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) throw new InvalidProtocolBufferException("text after the JSON value");
      return root;
    } catch (JsonParseException | IOException e) {
      throw new InvalidProtocolBufferException("not JSON: " + gsonMessage(e));
    }
  }

  /** Gson's message without its advice to parse leniently and its troubleshooting link. */
  private static String gsonMessage(Exception e) {
    Throwable t = e.getCause() != null ? e.getCause() : e; // JsonParser wraps the reader's exception
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    int newline = m.indexOf('\n');
    if (newline >= 0) m = m.substring(0, newline);
    return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
  }

  private static void checkDepth(String json) throws InvalidProtocolBufferException {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') i++;
        else if (c == '"') inString = false;
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) throw new InvalidProtocolBufferException("JSON nested deeper than " + MAX_DEPTH);
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
  }

  private static void rewriteIds(JsonObject parent, Node node, String path) {
    for (String name : node.names()) {
      JsonElement child = parent.get(name);
      if (child == null) continue;
      if (child.isJsonObject()) {
        visit(child.getAsJsonObject(), node, path + name);
      } else if (child.isJsonArray()) {
        for (int i = 0; i < child.getAsJsonArray().size(); i++) {
          JsonElement item = child.getAsJsonArray().get(i);
          if (item.isJsonObject()) visit(item.getAsJsonObject(), node, path + name + "[" + i + "]");
        }
      } // anything else: JsonFormat reports the wrong type
    }
  }

  private static void visit(JsonObject object, Node node, String path) {
    for (Id id : node.ids()) {
      rewriteId(object, id.camel(), id.label(), path);
      rewriteId(object, id.snake(), id.label(), path);
    }
    for (Node child : node.children()) rewriteIds(object, child, path + ".");
  }

  private static void rewriteId(JsonObject object, String name, String label, String path) {
    JsonElement value = object.get(name);
    if (value == null || value.isJsonNull()) return;
    String where = path + "." + name;
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new OtlpDecodeException("the " + label + " at " + where + " is not a string of hex digits", null);
    }
    String hex = value.getAsString();
    try {
      object.addProperty(name, Base64.getEncoder().encodeToString(HEX.parseHex(hex)));
    } catch (IllegalArgumentException e) {
      String shown = hex.length() <= 64 ? hex : hex.substring(0, 64) + "…";
      throw new OtlpDecodeException("invalid hex " + label + " '" + shown + "' at " + where
          + " (OTLP/JSON ids are hex strings, e.g. 16 bytes as 32 hex digits)", null);
    }
  }
}
