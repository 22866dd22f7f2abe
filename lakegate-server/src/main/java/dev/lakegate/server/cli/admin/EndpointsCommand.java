package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate endpoints list|show NAME|ai-gateway …}: the endpoints the caller may query, with their destinations,
 * their ai-gateway settings and the caller's permission level (any token; settings changes need admin or CAN_MANAGE).
 */
@Command(name = "endpoints", mixinStandardHelpOptions = true,
        description = "Show the endpoints you may query, and show or change their ai-gateway settings.")
final class EndpointsCommand implements Runnable {
    static final String PATH = "/api/2.0/serving-endpoints";

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    EndpointsCommand(Map<String, String> env) {
        this.client = new ClientOptions(env);
    }

    /** This command with its {@code ai-gateway} group, which shares its {@code --url}, {@code --token} and {@code --json}. */
    static CommandLine commandLine(Map<String, String> env) {
        return new CommandLine(new EndpointsCommand(env)).addSubcommand(new AiGatewayCommand());
    }

    @Override
    public void run() {
        throw Cli.missingSubcommand(spec);
    }

    @Command(name = "list", description = "List the endpoints you may query.")
    int list() {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode answer = api.get(PATH);
            if (client.json) {
                Cli.printJson(out, answer);
                return;
            }
            Table table = new Table("NAME", "DESTINATIONS", "RATE LIMITS", "USAGE", "INFERENCE TABLE", "FALLBACK", "SETTINGS FROM", "PERMISSION");
            for (JsonNode e : answer.path("endpoints")) {
                JsonNode s = e.path("ai_gateway");
                List<String> destinations = new ArrayList<>();
                e.path("destinations").forEach(d -> destinations.add(d.path("provider").asText() + "/" + d.path("model").asText()));
                table.row(e.path("name").asText(), String.join(", ", destinations), s.path("rate_limits").size(),
                        SettingsView.onOff(s.path("usage_tracking_config")), SettingsView.table(s.path("inference_table_config")),
                        SettingsView.onOff(s.path("fallback_config")), s.path("source").asText(), e.path("permission_level").asText());
            }
            table.print(out, "No endpoints you may query.");
        });
    }

    @Command(name = "show", description = "Show an endpoint: destinations, ai-gateway settings, your permission.")
    int show(@Parameters(paramLabel = "ENDPOINT") String endpoint) {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode e = api.get(PATH + "/" + AdminClient.encode(endpoint));
            if (client.json) {
                Cli.printJson(out, e);
                return;
            }
            SettingsView.line(out, "endpoint", e.path("name").asText());
            List<String> aliases = new ArrayList<>();
            e.path("aliases").forEach(a -> aliases.add(a.asText()));
            SettingsView.line(out, "aliases", aliases.isEmpty() ? "none" : String.join(", ", aliases));
            SettingsView.line(out, "your permission", e.path("permission_level").asText());
            Table destinations = new Table("DESTINATION", "TYPE", "WEIGHT", "PRIORITY");
            e.path("destinations").forEach(d -> destinations.row(d.path("provider").asText() + "/" + d.path("model").asText(),
                    d.path("provider_type").asText(), d.path("weight").asInt(), d.path("priority").asInt()));
            out.println();
            destinations.print(out, "No destinations.");
            out.println();
            SettingsView.print(out, e.path("ai_gateway"));
        });
    }
}
