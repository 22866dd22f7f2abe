package dev.lakegate.server.cli.agents;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What to point an agent at.
 *
 * @param url the gateway's base URL, without a trailing slash (e.g. {@code http://127.0.0.1:8080})
 * @param token the Lakegate token the agent authenticates with
 * @param model the endpoint the agent asks for; null means the agent's {@link Agent#defaultModel()}
 * @param smallModel Claude Code's small/fast model (OpenCode's {@code small_model}); null means {@code model}
 * @param noVendorTraffic set each agent's switch that stops its calls to its vendor
 * @param telemetry point the agent's OpenTelemetry export at this gateway's OTLP endpoints
 * @param telemetryTables {@code catalog.schema.prefix}: the tables are {@code prefix_otel_metrics|logs|spans}
 */
public record AgentOptions(String url, String token, String model, String smallModel, boolean noVendorTraffic, boolean telemetry,
        String telemetryTables) {
    /** Where telemetry lands unless {@code --telemetry-tables} says otherwise. */
    public static final String DEFAULT_TELEMETRY_TABLES = "main.telemetry.agents";
    private static final Pattern TABLES = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");

    public AgentOptions {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no gateway URL: pass --url (e.g. http://127.0.0.1:8080) or set LAKEGATE_URL");
        }
        url = url.strip().replaceAll("/+$", "");
        URI parsed;
        try {
            parsed = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url '" + url + "' is not a URL: " + e.getMessage());
        }
        if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) || parsed.getHost() == null) {
            throw new IllegalArgumentException("--url must be the gateway's http(s) base URL, e.g. http://127.0.0.1:8080, not '" + url + "'");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token: pass --token, or set LAKEGATE_TOKEN (create one with 'lakegate tokens create')");
        }
        token = token.strip();
        if (token.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c == ',')) {
            throw new IllegalArgumentException("the token contains spaces, quotes, backslashes or commas; is it the right value?");
        }
        model = blankToNull(model);
        smallModel = blankToNull(smallModel);
        telemetryTables = blankToNull(telemetryTables) == null ? DEFAULT_TELEMETRY_TABLES : telemetryTables.strip();
        if (!TABLES.matcher(telemetryTables).matches()) {
            throw new IllegalArgumentException("--telemetry-tables must be CATALOG.SCHEMA.PREFIX (letters, digits, _), not '" + telemetryTables + "'");
        }
    }

    public static AgentOptions of(String url, String token, String model) {
        return new AgentOptions(url, token, model, null, false, false, null);
    }

    public AgentOptions withNoVendorTraffic(boolean on) {
        return new AgentOptions(url, token, model, smallModel, on, telemetry, telemetryTables);
    }

    public AgentOptions withTelemetry(boolean on, String tables) {
        return new AgentOptions(url, token, model, smallModel, noVendorTraffic, on, tables);
    }

    public AgentOptions withSmallModel(String name) {
        return new AgentOptions(url, token, model, name, noVendorTraffic, telemetry, telemetryTables);
    }

    String modelFor(Agent agent) {
        return model != null ? model : agent.defaultModel();
    }

    String smallModelFor(Agent agent) {
        return smallModel != null ? smallModel : modelFor(agent);
    }

    /** The OTLP/HTTP URL of one signal: {@code metrics}, {@code logs} or {@code traces}. */
    String otlpUrl(String signal) {
        return url + "/api/2.0/otel/v1/" + signal;
    }

    /** The table one signal lands in: {@code metrics}, {@code logs} or {@code spans}. */
    String table(String kind) {
        return telemetryTables + "_otel_" + kind;
    }

    /** OTLP headers in the {@code OTEL_EXPORTER_OTLP_*_HEADERS} format. */
    String otlpHeaders(String tableKind) {
        return "Authorization=Bearer " + token + ",X-Databricks-UC-Table-Name=" + table(tableKind);
    }

    @Override
    public String toString() {
        return "AgentOptions[url=" + url + ", token=" + Secrets.mask(token) + ", model=" + model + ", smallModel=" + smallModel
                + ", noVendorTraffic=" + noVendorTraffic + ", telemetry=" + telemetry + ", telemetryTables=" + telemetryTables + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
