package dev.lakegate.server.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/2.0/sql/statements}, checked like the managed product checks it.
 * Statements run synchronously, so {@code wait_timeout} is validated but never waited on; results
 * are always inline JSON arrays; {@code warehouse_id}, {@code catalog}, {@code schema},
 * {@code on_wait_timeout} and {@code byte_limit} are accepted and ignored (names are always
 * three-part here).
 */
record StatementRequest(String statement, Optional<Long> rowLimit) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WAIT = Pattern.compile("(\\d{1,3})s");

    static StatementRequest parse(byte[] body) {
        JsonNode json;
        try {
            json = body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw LakeErrors.invalid("The body must be a JSON object such as {\"statement\": \"SELECT 1\"}");
        }
        JsonNode statement = json.path("statement");
        if (!statement.isTextual() || statement.asText().isBlank()) {
            throw LakeErrors.invalid("statement is required: send the SQL text, e.g. {\"statement\": \"SHOW CATALOGS\"}");
        }
        JsonNode wait = json.path("wait_timeout");
        if (!wait.isMissingNode() && !wait.isNull()) {
            Matcher m = WAIT.matcher(wait.asText());
            int seconds = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (!wait.isTextual() || seconds != 0 && (seconds < 5 || seconds > 50)) {
                throw LakeErrors.invalid("wait_timeout must be \"0s\" or between \"5s\" and \"50s\", got " + wait);
            }
        }
        only(json, "format", "JSON_ARRAY");
        only(json, "disposition", "INLINE");
        JsonNode parameters = json.path("parameters");
        if (parameters.isArray() && !parameters.isEmpty()) {
            throw LakeErrors.invalid("Statement parameters are not supported: write the values into the statement");
        }
        JsonNode limit = json.path("row_limit");
        if (limit.isMissingNode() || limit.isNull()) {
            return new StatementRequest(statement.asText(), Optional.empty());
        }
        if (!limit.canConvertToLong() || !limit.isIntegralNumber() || limit.asLong() < 0) {
            throw LakeErrors.invalid("row_limit must be a whole number ≥ 0, got " + limit);
        }
        return new StatementRequest(statement.asText(), Optional.of(limit.asLong()));
    }

    private static void only(JsonNode json, String field, String supported) {
        JsonNode v = json.path(field);
        if (!v.isMissingNode() && !v.isNull() && !supported.equals(v.asText())) {
            throw LakeErrors.invalid(field + " " + v + " is not supported: this gateway answers with " + field + " " + supported);
        }
    }
}
