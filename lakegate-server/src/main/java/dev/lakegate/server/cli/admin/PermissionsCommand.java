package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakegate permissions get|set|add ENDPOINT}: who may query or manage an endpoint (admin or CAN_MANAGE token). */
@Command(name = "permissions", mixinStandardHelpOptions = true,
        description = "Show or change who may query (CAN_QUERY) or manage (CAN_MANAGE) an endpoint.")
final class PermissionsCommand implements Runnable {
    static final String PATH = "/api/2.0/permissions/serving-endpoints/";

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    PermissionsCommand(Map<String, String> env) {
        this.client = new ClientOptions(env);
    }

    /** Grantees as {@code NAME} (CAN_QUERY) or {@code NAME=LEVEL}, by kind. */
    static final class Grants {
        @Option(names = "--user", paramLabel = "NAME[=LEVEL]", description = "A user; LEVEL is CAN_QUERY (default) or CAN_MANAGE")
        List<String> users = new ArrayList<>();

        @Option(names = "--group", paramLabel = "NAME[=LEVEL]", description = "A group, e.g. users (everyone)")
        List<String> groups = new ArrayList<>();

        @Option(names = "--service-principal", paramLabel = "NAME[=LEVEL]", description = "A service principal by application id")
        List<String> servicePrincipals = new ArrayList<>();

        List<Map<String, String>> entries() {
            List<Map<String, String>> entries = new ArrayList<>();
            users.forEach(u -> entries.add(entry("user_name", u)));
            groups.forEach(g -> entries.add(entry("group_name", g)));
            servicePrincipals.forEach(sp -> entries.add(entry("service_principal_name", sp)));
            return entries;
        }

        private static Map<String, String> entry(String field, String value) {
            int eq = value.lastIndexOf('=');
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put(field, eq < 0 ? value : value.substring(0, eq));
            entry.put("permission_level", eq < 0 ? "CAN_QUERY" : value.substring(eq + 1).toUpperCase(Locale.ROOT));
            return entry;
        }
    }

    @Override
    public void run() {
        throw Cli.missingSubcommand(spec);
    }

    @Command(name = "get", description = "Show the permissions in force on an endpoint.")
    int get(@Parameters(paramLabel = "ENDPOINT") String endpoint) {
        return Cli.run(spec, client, (api, out, err) -> print(out, api.get(PATH + AdminClient.encode(endpoint)), endpoint));
    }

    @Command(name = "set", description = "Replace an endpoint's permissions (from then on its configured ones no longer apply).")
    int set(
            @Parameters(paramLabel = "ENDPOINT") String endpoint,
            @Mixin Grants grants,
            @Option(names = "--none", description = "Grant nobody: only admins may use the endpoint") boolean none) {
        return Cli.run(spec, client, (api, out, err) -> {
            List<Map<String, String>> entries = grants.entries();
            if (entries.isEmpty() != none) {
                throw new CliFailure(none ? "--none grants nobody: leave out --user, --group and --service-principal"
                        : "name at least one --user, --group or --service-principal, or pass --none to leave " + endpoint + " to admins");
            }
            print(out, api.put(PATH + AdminClient.encode(endpoint), Map.of("access_control_list", entries)), endpoint);
        });
    }

    @Command(name = "add", description = "Grant more permissions on an endpoint, keeping the ones in force.")
    int add(@Parameters(paramLabel = "ENDPOINT") String endpoint, @Mixin Grants grants) {
        return Cli.run(spec, client, (api, out, err) -> {
            List<Map<String, String>> entries = grants.entries();
            if (entries.isEmpty()) {
                throw new CliFailure("name at least one --user, --group or --service-principal");
            }
            print(out, api.patch(PATH + AdminClient.encode(endpoint), Map.of("access_control_list", entries)), endpoint);
        });
    }

    private void print(PrintWriter out, JsonNode answer, String endpoint) {
        if (client.json) {
            Cli.printJson(out, answer);
            return;
        }
        Table table = new Table("KIND", "NAME", "PERMISSION");
        for (JsonNode e : answer.path("access_control_list")) {
            String kind = e.has("user_name") ? "user" : e.has("group_name") ? "group" : "service principal";
            String name = e.path("user_name").asText(e.path("group_name").asText(e.path("service_principal_name").asText()));
            List<String> levels = new ArrayList<>();
            e.path("all_permissions").forEach(p -> levels.add(p.path("permission_level").asText()));
            table.row(kind, name, String.join(", ", levels));
        }
        table.print(out, "Nobody but admins may use " + endpoint + ".");
        if (answer.path("source").asText().equals("configuration")) {
            out.println("(from the gateway's configuration: not changed through the API yet)");
        }
    }
}
