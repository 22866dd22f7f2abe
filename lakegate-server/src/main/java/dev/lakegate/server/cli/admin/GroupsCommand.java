package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakegate groups create|list|show|delete|add-member|remove-member}: groups of users and service principals. */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = "Manage groups of users and service principals on a running gateway (admin token).")
final class GroupsCommand implements Runnable {
    static final String PATH = "/api/2.0/preview/scim/v2/Groups";

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    GroupsCommand(Map<String, String> env) {
        this.client = new ClientOptions(env);
    }

    @Override
    public void run() {
        throw Cli.missingSubcommand(spec);
    }

    @Command(name = "list", description = "List groups with their number of members.")
    int list() {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode answer = api.get(PATH);
            if (client.json) {
                Cli.printJson(out, answer);
                return;
            }
            Table table = new Table("ID", "NAME", "MEMBERS");
            for (JsonNode g : answer.path("Resources")) {
                table.row(g.path("id").asText(), g.path("displayName").asText(), g.path("members").size());
            }
            table.print(out, "No groups.");
        });
    }

    @Command(name = "create", description = "Create a group.")
    int create(
            @Parameters(paramLabel = "NAME", description = "Unique name, e.g. ml-team (no spaces)") String name,
            @Option(names = "--member", paramLabel = "MEMBER", description = "A first member: user name or service principal") List<String> members) {
        return Cli.run(spec, client, (api, out, err) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("displayName", name);
            body.put("members", refs(api, members == null ? List.of() : members));
            JsonNode created = api.post(PATH, body);
            if (client.json) {
                Cli.printJson(out, created);
                return;
            }
            out.println("Created group " + name + " (id " + created.path("id").asText() + ") with " + created.path("members").size() + " member(s).");
            out.println("Grant it an endpoint with: ./lakegate permissions add ENDPOINT --group " + name);
        });
    }

    @Command(name = "show", description = "Show a group and its members.")
    int show(@Parameters(paramLabel = "GROUP", description = "Group name or id") String group) {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode found = find(api, group);
            if (client.json) {
                Cli.printJson(out, found);
                return;
            }
            out.println("Group " + found.path("displayName").asText() + " (id " + found.path("id").asText() + ")");
            Table table = new Table("ID", "NAME", "KIND");
            for (JsonNode m : found.path("members")) {
                String kind = m.path("$ref").asText().startsWith("ServicePrincipals/") ? "service principal" : "user";
                table.row(m.path("value").asText(), m.path("display").asText(), kind);
            }
            table.print(out, "No members.");
        });
    }

    @Command(name = "delete", description = "Delete a group, its memberships and its permissions and grants.")
    int delete(@Parameters(paramLabel = "GROUP", description = "Group name or id") String group) {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode found = find(api, group);
            api.delete(PATH + "/" + found.path("id").asText());
            out.println("Deleted group " + found.path("displayName").asText() + ".");
        });
    }

    @Command(name = "add-member", description = "Add users or service principals to a group.")
    int addMember(
            @Parameters(index = "0", paramLabel = "GROUP", description = "Group name or id") String group,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "MEMBER", description = "User name or service principal") List<String> members) {
        return change(group, "add", members, "Added");
    }

    @Command(name = "remove-member", description = "Remove users or service principals from a group.")
    int removeMember(
            @Parameters(index = "0", paramLabel = "GROUP", description = "Group name or id") String group,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "MEMBER", description = "User name or service principal") List<String> members) {
        return change(group, "remove", members, "Removed");
    }

    private int change(String group, String op, List<String> members, String done) {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode found = find(api, group);
            Map<String, Object> operation = Map.of("op", op, "path", "members", "value", refs(api, members));
            JsonNode changed = api.patch(PATH + "/" + found.path("id").asText(),
                    Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"), "Operations", List.of(operation)));
            if (client.json) {
                Cli.printJson(out, changed);
                return;
            }
            out.println(done + " " + String.join(", ", members) + " (" + found.path("displayName").asText() + " now has "
                    + changed.path("members").size() + " member(s)).");
        });
    }

    private static JsonNode find(AdminClient api, String group) {
        return api.scimFind(PATH, "displayName", group)
                .orElseThrow(() -> new CliFailure("no group named '" + group + "': list groups with ./lakegate groups list"));
    }

    /** SCIM member references: a user by user name, else a service principal by application id or display name. */
    private static List<Map<String, String>> refs(AdminClient api, List<String> names) {
        List<Map<String, String>> refs = new ArrayList<>();
        for (String name : names) {
            JsonNode principal = api.scimFind(UsersCommand.PATH, "userName", name)
                    .or(() -> api.scimFind(ServicePrincipalsCommand.PATH, "applicationId", name))
                    .or(() -> api.scimFind(ServicePrincipalsCommand.PATH, "displayName", name))
                    .orElseThrow(() -> new CliFailure("no user or service principal named '" + name
                            + "': see ./lakegate users list and ./lakegate service-principals list"));
            refs.add(Map.of("value", principal.path("id").asText()));
        }
        return refs;
    }
}
