package dev.lakegate.server.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.error.GatewayError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers of the SQL API in the shape of the managed product's Statement Execution API: one inline
 * chunk of {@code JSON_ARRAY} rows whose values are strings (numbers and booleans as their text,
 * arrays, maps and structs as JSON text, timestamps ISO-8601) or null.
 */
final class StatementJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatementJson() {}

    static ObjectNode succeeded(String id, StatementResult result, Optional<Long> rowLimit) {
        List<List<Object>> rows = result.rows();
        boolean truncated = result.truncated();
        if (rowLimit.isPresent() && rows.size() > rowLimit.get()) {
            rows = rows.subList(0, Math.toIntExact(rowLimit.get()));
            truncated = true;
        }
        ObjectNode answer = JSON.createObjectNode().put("statement_id", id);
        answer.putObject("status").put("state", "SUCCEEDED");
        ObjectNode manifest = answer.putObject("manifest").put("format", "JSON_ARRAY");
        ObjectNode schema = manifest.putObject("schema").put("column_count", result.columns().size());
        ArrayNode columns = schema.putArray("columns");
        for (int i = 0; i < result.columns().size(); i++) {
            StatementResult.Column c = result.columns().get(i);
            columns.addObject().put("name", c.name()).put("type_text", c.typeText()).put("type_name", c.typeName()).put("position", i);
        }
        manifest.put("total_chunk_count", 1).putArray("chunks").addObject().put("chunk_index", 0).put("row_offset", 0)
                .put("row_count", rows.size());
        manifest.put("total_row_count", rows.size()).put("truncated", truncated);
        ObjectNode chunk = answer.putObject("result").put("chunk_index", 0).put("row_offset", 0).put("row_count", rows.size());
        ArrayNode data = chunk.putArray("data_array");
        for (List<Object> row : rows) {
            ArrayNode out = data.addArray();
            row.forEach(v -> out.add(text(v)));
        }
        return answer;
    }

    /** A statement that failed: HTTP 200 with state FAILED, as the managed product answers. */
    static ObjectNode failed(String id, GatewayError error) {
        ObjectNode answer = JSON.createObjectNode().put("statement_id", id);
        answer.putObject("status").put("state", "FAILED").putObject("error")
                .put("error_code", errorCode(error)).put("message", error.message());
        return answer;
    }

    /** The managed product's statement error codes, plus PERMISSION_DENIED for a missing privilege. */
    static String errorCode(GatewayError e) {
        if (e.status() == 409) {
            return "ALREADY_EXISTS";
        }
        return switch (e.category()) {
            case INVALID_REQUEST, UNSUPPORTED_MEDIA_TYPE, REQUEST_TOO_LARGE, METHOD_NOT_ALLOWED -> "BAD_REQUEST";
            case NOT_FOUND -> "NOT_FOUND";
            case PERMISSION, BUDGET_EXCEEDED -> "PERMISSION_DENIED";
            case AUTHENTICATION -> "UNAUTHENTICATED";
            case TIMEOUT -> "DEADLINE_EXCEEDED";
            case RATE_LIMITED -> "RESOURCE_EXHAUSTED";
            case UPSTREAM_UNAVAILABLE, OVERLOADED -> "TEMPORARILY_UNAVAILABLE";
            case UPSTREAM_ERROR, INTERNAL -> "INTERNAL_ERROR";
        };
    }

    static String text(Object v) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case BigDecimal d -> d.toPlainString();
            case List<?> l -> json(l);
            case Map<?, ?> m -> json(m);
            default -> v.toString();
        };
    }

    private static String json(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
