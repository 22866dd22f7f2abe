package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate endpoints ai-gateway get|set|reset ENDPOINT}: an endpoint's rate limits, usage tracking, inference table
 * and fallback. {@code set} sends whole settings, as the API takes them: from {@code --file}, else from the settings in
 * force, with the flags applied on top — so {@code set claude --usage-tracking off} changes that alone.
 */
@Command(name = "ai-gateway", mixinStandardHelpOptions = true,
        description = "Show or change an endpoint's rate limits, usage tracking, inference table and fallback (admin or CAN_MANAGE to change).")
final class AiGatewayCommand implements Runnable {
    private static final Set<String> LIMIT_FIELDS = Set.of("key", "principal", "calls", "tokens", "renewal_period");

    @ParentCommand
    EndpointsCommand endpoints;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Cli.missingSubcommand(spec);
    }

    @Command(name = "get", description = "Show the settings in force and where they come from.")
    int get(@Parameters(paramLabel = "ENDPOINT") String endpoint) {
        return Cli.run(spec, endpoints.client, (api, out, err) -> print(out, api.get(path(endpoint))));
    }

    @Command(name = "set", description = "Replace the settings (from then on the configuration file's no longer apply).")
    int set(
            @Parameters(paramLabel = "ENDPOINT") String endpoint,
            @Option(names = "--file", paramLabel = "FILE", description = "Whole settings as JSON (the API's body); parts left out are off."
                    + " Without it the settings in force are the start") Path file,
            @Option(names = "--rate-limit", paramLabel = "LIMIT", description = "A limit such as key=user,calls=30 or"
                    + " key=user_group,principal=data-eng,tokens=100000; repeat for more; replaces the limits") List<String> limits,
            @Option(names = "--no-rate-limits", description = "Remove every rate limit") boolean noLimits,
            @Option(names = "--usage-tracking", paramLabel = "on|off", description = "Write usage rows for its requests") String usage,
            @Option(names = "--fallback", paramLabel = "on|off", description = "Fall back to lower priorities when a destination fails")
            String fallback,
            @Option(names = "--inference-table", paramLabel = "CATALOG.SCHEMA[.PREFIX]|off",
                    description = "Record requests in CATALOG.SCHEMA.PREFIX_payload (PREFIX defaults to the endpoint's name), or stop") String table,
            @Option(names = "--sampling-fraction", paramLabel = "F", description = "Share of requests the inference table records, 0 to 1")
            Double fraction) {
        return Cli.run(spec, endpoints.client, (api, out, err) -> {
            boolean flags = limits != null || noLimits || usage != null || fallback != null || table != null || fraction != null;
            if (file == null && !flags) {
                throw new CliFailure("nothing to set: pass --file settings.json, or a flag such as --usage-tracking off or --rate-limit key=user,calls=30");
            }
            if (limits != null && noLimits) {
                throw new CliFailure("--rate-limit sets limits and --no-rate-limits removes them: pass one of them");
            }
            ObjectNode settings = file != null ? read(file) : (ObjectNode) api.get(path(endpoint));
            settings.remove("source");
            if (limits != null || noLimits) {
                ArrayNode list = settings.putArray("rate_limits");
                (limits == null ? List.<String>of() : limits).forEach(l -> list.add(limit(l)));
            }
            if (usage != null) {
                settings.putObject("usage_tracking_config").put("enabled", on(usage, "--usage-tracking"));
            }
            if (fallback != null) {
                settings.putObject("fallback_config").put("enabled", on(fallback, "--fallback"));
            }
            if (table != null) {
                inferenceTable(settings, table);
            }
            if (fraction != null) {
                if (!settings.has("inference_table_config")) {
                    throw new CliFailure("--sampling-fraction applies to an inference table: add --inference-table CATALOG.SCHEMA");
                }
                ((ObjectNode) settings.get("inference_table_config")).put("sampling_fraction", fraction);
            }
            JsonNode stored = api.put(path(endpoint), settings);
            if (!endpoints.client.json) {
                out.println("Set the ai-gateway settings of " + endpoint + "; every gateway applies them within seconds.");
            }
            print(out, stored);
        });
    }

    @Command(name = "reset", description = "Forget the settings set through the API: the configuration file's apply again.")
    int reset(@Parameters(paramLabel = "ENDPOINT") String endpoint) {
        return Cli.run(spec, endpoints.client, (api, out, err) -> {
            JsonNode now = api.delete(path(endpoint));
            if (!endpoints.client.json) {
                out.println(endpoint + " runs on its configured ai-gateway settings again.");
            }
            print(out, now);
        });
    }

    private void print(PrintWriter out, JsonNode settings) {
        if (endpoints.client.json) {
            Cli.printJson(out, settings);
        } else {
            SettingsView.print(out, settings);
        }
    }

    private static String path(String endpoint) {
        return EndpointsCommand.PATH + "/" + AdminClient.encode(endpoint) + "/ai-gateway";
    }

    private static ObjectNode read(Path file) {
        JsonNode json;
        try {
            json = AdminClient.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new CliFailure(file + " must hold a JSON object such as {\"rate_limits\": [{\"key\": \"user\", \"calls\": 30}]}");
        }
        return (ObjectNode) json;
    }

    /** {@code key=user,principal=alice,calls=30,tokens=1000} as the API's rate limit; numbers stay numbers. */
    private static ObjectNode limit(String spec) {
        ObjectNode limit = AdminClient.JSON.createObjectNode();
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            String field = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
            if (eq < 0 || !LIMIT_FIELDS.contains(field)) {
                throw new CliFailure("--rate-limit " + spec + ": write field=value pairs separated by commas, fields "
                        + String.join(", ", LIMIT_FIELDS.stream().sorted().toList()) + ", e.g. key=user,calls=30");
            }
            String value = pair.substring(eq + 1).strip();
            if ((field.equals("calls") || field.equals("tokens")) && value.matches("\\d{1,18}")) {
                limit.put(field, Long.parseLong(value));
            } else {
                limit.put(field, value);
            }
        }
        return limit;
    }

    private static boolean on(String value, String option) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new CliFailure(option + " takes on or off, not '" + value + "'");
        };
    }

    /** Points the inference table at CATALOG.SCHEMA[.PREFIX] (keeping sampling and redaction), or turns it off. */
    private static void inferenceTable(ObjectNode settings, String table) {
        JsonNode existing = settings.get("inference_table_config");
        ObjectNode config = existing instanceof ObjectNode o ? o : settings.putObject("inference_table_config");
        if (table.equalsIgnoreCase("off")) {
            config.put("enabled", false);
            return;
        }
        String[] parts = table.split("\\.");
        if (parts.length < 2 || parts.length > 3) {
            throw new CliFailure("--inference-table takes CATALOG.SCHEMA or CATALOG.SCHEMA.PREFIX (or off), not '" + table + "'");
        }
        config.put("catalog_name", parts[0]).put("schema_name", parts[1]).put("enabled", true);
        if (parts.length == 3) {
            config.put("table_name_prefix", parts[2]);
        } else {
            config.remove("table_name_prefix");
        }
    }
}
