package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakegate service-principals list|create}: non-human callers such as CI jobs. */
@Command(name = "service-principals", mixinStandardHelpOptions = true,
        description = "Manage service principals (non-human callers) of a running gateway (admin token).")
final class ServicePrincipalsCommand implements Runnable {
    static final String PATH = "/api/2.0/preview/scim/v2/ServicePrincipals";

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    ServicePrincipalsCommand(Map<String, String> env) {
        this.client = new ClientOptions(env);
    }

    @Override
    public void run() {
        throw Cli.missingSubcommand(spec);
    }

    @Command(name = "list", description = "List service principals.")
    int list() {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode answer = api.get(PATH);
            if (client.json) {
                Cli.printJson(out, answer);
                return;
            }
            Table table = new Table("ID", "APPLICATION ID", "DISPLAY NAME", "ADMIN", "ACTIVE");
            for (JsonNode sp : answer.path("Resources")) {
                table.row(sp.path("id").asText(), sp.path("applicationId").asText(), sp.path("displayName").asText(""),
                        UsersCommand.yesNo(sp.path("admin")), UsersCommand.yesNo(sp.path("active")));
            }
            table.print(out, "No service principals.");
        });
    }

    @Command(name = "create", description = "Create a service principal.")
    int create(
            @Parameters(paramLabel = "DISPLAY_NAME", description = "Name shown in lists, e.g. ci-bot") String displayName,
            @Option(names = "--application-id", description = "Unique application id (default: a generated UUID)") String applicationId,
            @Option(names = "--admin", description = "Make it an admin") boolean admin) {
        return Cli.run(spec, client, (api, out, err) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("displayName", displayName);
            if (applicationId != null) {
                body.put("applicationId", applicationId);
            }
            body.put("admin", admin);
            JsonNode created = api.post(PATH, body);
            if (client.json) {
                Cli.printJson(out, created);
                return;
            }
            String appId = created.path("applicationId").asText();
            out.println("Created service principal " + displayName + " (application id " + appId + ", id "
                    + created.path("id").asText() + ").");
            out.println("Give it a token with: ./lakegate tokens create --for " + appId);
        });
    }
}
