package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakegate users list|create|delete} against a running gateway. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users of a running gateway (admin token).")
final class UsersCommand implements Runnable {
    static final String PATH = "/api/2.0/preview/scim/v2/Users";

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    UsersCommand(Map<String, String> env) {
        this.client = new ClientOptions(env);
    }

    @Override
    public void run() {
        throw Cli.missingSubcommand(spec);
    }

    @Command(name = "list", description = "List users.")
    int list() {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode answer = api.get(PATH);
            if (client.json) {
                Cli.printJson(out, answer);
                return;
            }
            Table table = new Table("ID", "USER NAME", "DISPLAY NAME", "EMAIL", "ADMIN", "ACTIVE");
            for (JsonNode u : answer.path("Resources")) {
                table.row(u.path("id").asText(), u.path("userName").asText(), u.path("displayName").asText(""),
                        u.path("emails").path(0).path("value").asText(""), yesNo(u.path("admin")), yesNo(u.path("active")));
            }
            table.print(out, "No users.");
        });
    }

    @Command(name = "create", description = "Create a user.")
    int create(
            @Parameters(paramLabel = "USER_NAME", description = "Unique user name, usually the e-mail address") String userName,
            @Option(names = "--email", description = "E-mail address") String email,
            @Option(names = "--display-name", description = "Name shown in lists") String displayName,
            @Option(names = "--admin", description = "Make the user an admin") boolean admin) {
        return Cli.run(spec, client, (api, out, err) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("userName", userName);
            if (displayName != null) {
                body.put("displayName", displayName);
            }
            if (email != null) {
                body.put("emails", List.of(Map.of("value", email, "primary", true)));
            }
            body.put("admin", admin);
            JsonNode created = api.post(PATH, body);
            if (client.json) {
                Cli.printJson(out, created);
                return;
            }
            out.println("Created " + (admin ? "admin " : "") + "user " + userName + " (id " + created.path("id").asText() + ").");
            out.println("Give them a token with: ./lakegate tokens create --for " + userName);
        });
    }

    @Command(name = "delete", description = "Deactivate a user and revoke all of their tokens.")
    int delete(@Parameters(paramLabel = "USER", description = "User name or id") String user) {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode found = find(api, user);
            api.delete(PATH + "/" + found.path("id").asText());
            if (client.json) {
                Cli.printJson(out, found);
                return;
            }
            out.println("Deactivated user " + found.path("userName").asText() + " (id " + found.path("id").asText()
                    + ") and revoked their tokens.");
        });
    }

    /** By user name first (SCIM filter), then by id. */
    static JsonNode find(AdminClient api, String user) {
        return api.scimFind(PATH, "userName", user)
                .orElseThrow(() -> new CliFailure("no user named '" + user + "': list users with ./lakegate users list"));
    }

    static String yesNo(JsonNode flag) {
        return flag.asBoolean(false) ? "yes" : "no";
    }
}
