package dev.lakegate.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.server.governance.limits.RateLimit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@link AiGatewayConfig} as the JSON of the managed product's {@code PUT /api/2.0/serving-endpoints/{name}/ai-gateway}:
 * {@code rate_limits}, {@code usage_tracking_config}, {@code inference_table_config} (plus Lakegate's
 * {@code sampling_fraction} and {@code redact_patterns}) and {@code fallback_config}. The same document is what the API
 * answers and what the control plane stores. A part left out reads as off or none: a PUT replaces all four parts.
 * Errors name the field, e.g. {@code rate_limits[1].calls must be a whole number, got "ten"}.
 */
public final class AiGatewayCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("rate_limits", "usage_tracking_config", "inference_table_config", "fallback_config",
            "guardrails");
    private static final Set<String> LIMIT = Set.of("key", "principal", "calls", "tokens", "renewal_period");
    private static final Set<String> ENABLED = Set.of("enabled");
    private static final Set<String> TABLE = Set.of("catalog_name", "schema_name", "table_name_prefix", "enabled", "sampling_fraction",
            "redact_patterns");

    /** What to do with a field this gateway does not know. */
    public enum Unknown {
        /** A request: a typo must not silently leave a setting off. */
        REFUSE,
        /** A stored document: one written by a newer gateway still reads on an older one during a rolling upgrade. */
        IGNORE
    }

    private AiGatewayCodec() {}

    /** @throws IllegalArgumentException naming the field that is wrong and what it must be */
    public static AiGatewayConfig read(JsonNode body, Unknown unknown) {
        object(body, "the body", TOP, unknown);
        JsonNode guardrails = body.get("guardrails");
        if (guardrails != null && !guardrails.isNull()) {
            throw new IllegalArgumentException("guardrails are not supported by Lakegate: leave guardrails out");
        }
        List<RateLimit> limits = new ArrayList<>();
        JsonNode list = present(body, "rate_limits");
        if (list != null) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("rate_limits must be a list such as [{\"key\": \"user\", \"calls\": 30}], got " + list);
            }
            for (int i = 0; i < list.size(); i++) {
                limits.add(limit(list.get(i), "rate_limits[" + i + "]", unknown));
            }
        }
        return new AiGatewayConfig(limits, enabled(body, "usage_tracking_config", unknown), table(body, unknown),
                enabled(body, "fallback_config", unknown));
    }

    /** Reads a stored document. */
    public static AiGatewayConfig parse(String json) {
        try {
            return read(JSON.readTree(json), Unknown.IGNORE);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The settings of {@code endpoint}; {@code table_name_prefix} is the one in force, so the answer names the table. */
    public static ObjectNode write(AiGatewayConfig settings, String endpoint) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode limits = out.putArray("rate_limits");
        for (RateLimit l : settings.rateLimits()) {
            ObjectNode limit = limits.addObject().put("key", l.key().id());
            if (l.principal() != null) {
                limit.put("principal", l.principal());
            }
            if (l.calls() != null) {
                limit.put("calls", l.calls());
            }
            if (l.tokens() != null) {
                limit.put("tokens", l.tokens());
            }
            limit.put("renewal_period", l.renewalPeriod().id());
        }
        out.putObject("usage_tracking_config").put("enabled", settings.usageTracking());
        InferenceTableConfig t = settings.inferenceTable();
        if (t != null) {
            ObjectNode table = out.putObject("inference_table_config");
            putIfSet(table, "catalog_name", t.catalogName());
            putIfSet(table, "schema_name", t.schemaName());
            table.put("table_name_prefix", t.prefix(endpoint));
            table.put("enabled", t.enabled()).put("sampling_fraction", t.samplingFraction());
            t.redactPatterns().forEach(table.putArray("redact_patterns")::add);
        }
        out.putObject("fallback_config").put("enabled", settings.fallback());
        return out;
    }

    /** The stored form. */
    public static String format(AiGatewayConfig settings, String endpoint) {
        return write(settings, endpoint).toString();
    }

    private static RateLimit limit(JsonNode entry, String where, Unknown unknown) {
        object(entry, where, LIMIT, unknown);
        String key = text(entry, "key", where);
        String period = text(entry, "renewal_period", where);
        String principal = text(entry, "principal", where);
        Long calls = whole(entry, "calls", where);
        Long tokens = whole(entry, "tokens", where);
        try {
            return new RateLimit(key == null ? null : RateLimit.Key.fromId(key), principal, calls, tokens,
                    period == null ? null : RateLimit.RenewalPeriod.fromId(period));
        } catch (IllegalArgumentException e) { // an unknown key or period
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** {@code {"enabled": bool}}; a part left out is off. */
    private static boolean enabled(JsonNode body, String part, Unknown unknown) {
        JsonNode config = present(body, part);
        if (config == null) {
            return false;
        }
        object(config, part, ENABLED, unknown);
        JsonNode enabled = config.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new IllegalArgumentException(part + ".enabled must be true or false, e.g. {\"" + part + "\": {\"enabled\": true}}");
        }
        return enabled.booleanValue();
    }

    private static InferenceTableConfig table(JsonNode body, Unknown unknown) {
        String part = "inference_table_config";
        JsonNode config = present(body, part);
        if (config == null) {
            return null;
        }
        object(config, part, TABLE, unknown);
        JsonNode enabled = present(config, "enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw new IllegalArgumentException(part + ".enabled must be true or false, got " + enabled);
        }
        JsonNode fraction = present(config, "sampling_fraction");
        if (fraction != null && !fraction.isNumber()) {
            throw new IllegalArgumentException(part + ".sampling_fraction must be a number from 0 to 1, got " + fraction);
        }
        List<String> patterns = null;
        JsonNode list = present(config, "redact_patterns");
        if (list != null) {
            if (!list.isArray()) {
                throw new IllegalArgumentException(part + ".redact_patterns must be a list of regular expressions, got " + list);
            }
            patterns = new ArrayList<>();
            for (JsonNode p : list) {
                if (!p.isTextual()) {
                    throw new IllegalArgumentException(part + ".redact_patterns holds strings (Java regular expressions), got " + p);
                }
                patterns.add(p.textValue());
            }
        }
        return new InferenceTableConfig(text(config, "catalog_name", part), text(config, "schema_name", part),
                text(config, "table_name_prefix", part), enabled == null ? null : enabled.booleanValue(),
                fraction == null ? null : fraction.doubleValue(), patterns);
    }

    private static void object(JsonNode node, String where, Set<String> fields, Unknown unknown) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object, got " + node);
        }
        if (unknown == Unknown.REFUSE) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw new IllegalArgumentException(where + " has no field '" + name + "'; known fields: " + String.join(", ",
                            fields.stream().sorted().toList()));
                }
            }
        }
    }

    /** The field, or null when absent or JSON null. */
    private static JsonNode present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = present(node, field);
        if (value != null && !value.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + " must be a string, got " + value);
        }
        return value == null ? null : value.textValue();
    }

    /** Databricks clients send int64 values as strings too. */
    private static Long whole(JsonNode node, String field, String where) {
        JsonNode value = present(node, field);
        if (value == null) {
            return null;
        }
        if (value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.textValue().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.textValue());
        }
        throw new IllegalArgumentException(where + "." + field + " must be a whole number, got " + value);
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
