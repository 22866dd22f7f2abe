package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakegate tokens create|list|revoke}: personal access tokens, your own or (as admin) anyone's. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Manage personal access tokens on a running gateway.")
final class TokensCommand implements Runnable {
    static final String OWN = "/api/2.0/token";
    static final String MANAGED = "/api/2.0/token-management";
    private static final long DAY_SECONDS = 86_400;

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    TokensCommand(Map<String, String> env) {
        this.client = new ClientOptions(env);
    }

    @Override
    public void run() {
        throw Cli.missingSubcommand(spec);
    }

    @Command(name = "create", description = "Create a token and print its secret once (on standard output; notes go to standard error).")
    int create(
            @Option(names = "--for", paramLabel = "NAME", description = "User name or service principal (application id or display name); default: yourself") String owner,
            @Option(names = "--comment", description = "What the token is for, e.g. laptop") String comment,
            @Option(names = "--lifetime-days", paramLabel = "N", description = "Expire after N days (default: never)") Long lifetimeDays) {
        return Cli.run(spec, client, (api, out, err) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (comment != null) {
                body.put("comment", comment);
            }
            if (lifetimeDays != null) {
                if (lifetimeDays <= 0 || lifetimeDays > 36_500) {
                    throw new CliFailure("--lifetime-days must be between 1 and 36500; leave it out for a token that does not expire");
                }
                body.put("lifetime_seconds", lifetimeDays * DAY_SECONDS);
            }
            JsonNode created = owner == null ? api.post(OWN + "/create", body) : onBehalfOf(api, owner, body);
            if (client.json) {
                Cli.printJson(out, created);
                return;
            }
            JsonNode info = created.path("token_info");
            err.println("Created token " + info.path("token_id").asText() + (owner == null ? "" : " for " + owner)
                    + ", expires " + Table.time(info.path("expiry_time").asLong(-1), "never") + ".");
            err.println("Copy the secret now: it is not shown again.");
            err.flush();
            out.println(created.path("token_value").asText());
        });
    }

    @Command(name = "list", description = "List tokens: everyone's for an admin, else your own. Never shows secrets.")
    int list(
            @Option(names = "--for", paramLabel = "NAME", description = "Only tokens of this user or service principal (admin)") String owner,
            @Option(names = "--mine", description = "Only your own live tokens") boolean mine) {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode answer;
            boolean managed = !mine;
            if (mine) {
                answer = api.get(OWN + "/list");
            } else {
                String query = owner == null ? "" : "?created_by_username=" + AdminClient.encode(owner);
                try {
                    answer = api.get(MANAGED + "/tokens" + query);
                } catch (CliFailure.Http e) {
                    if (e.status != 403 || owner != null) {
                        throw e;
                    }
                    err.println("(not an admin: showing your own tokens)");
                    answer = api.get(OWN + "/list");
                    managed = false;
                }
            }
            if (client.json) {
                Cli.printJson(out, answer);
                return;
            }
            print(out, answer, managed);
        });
    }

    @Command(name = "revoke", description = "Revoke a token by id (tok_…): any token for an admin, else one of your own.")
    int revoke(@Parameters(paramLabel = "TOKEN_ID") String tokenId) {
        return Cli.run(spec, client, (api, out, err) -> {
            try {
                api.delete(MANAGED + "/tokens/" + AdminClient.encode(tokenId));
            } catch (CliFailure.Http e) {
                if (e.status != 403) {
                    throw e;
                }
                api.post(OWN + "/delete", Map.of("token_id", tokenId));
            }
            out.println("Revoked token " + tokenId + ".");
        });
    }

    /** A user name first; then a service principal by application id, then by display name. */
    private static JsonNode onBehalfOf(AdminClient api, String owner, Map<String, Object> body) {
        try {
            return api.post(MANAGED + "/on-behalf-of/tokens", with(body, "user_name", owner));
        } catch (CliFailure.Http e) {
            if (e.status != 404) {
                throw e;
            }
        }
        String appId = owner;
        JsonNode byName = api.get(ServicePrincipalsCommand.PATH + "?filter="
                + AdminClient.encode("displayName eq \"" + owner.replace("\"", "\\\"") + "\""));
        if (byName.path("Resources").size() == 1) {
            appId = byName.path("Resources").get(0).path("applicationId").asText();
        }
        try {
            return api.post(MANAGED + "/on-behalf-of/tokens", with(body, "application_id", appId));
        } catch (CliFailure.Http e) {
            if (e.status == 404) {
                throw new CliFailure("no user or service principal named '" + owner
                        + "': see ./lakegate users list and ./lakegate service-principals list");
            }
            throw e;
        }
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, String value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static void print(PrintWriter out, JsonNode answer, boolean managed) {
        long now = System.currentTimeMillis();
        Table table = managed
                ? new Table("TOKEN ID", "OWNER", "COMMENT", "CREATED", "EXPIRES", "LAST USED", "STATUS")
                : new Table("TOKEN ID", "COMMENT", "CREATED", "EXPIRES", "LAST USED", "STATUS");
        for (JsonNode t : answer.path("token_infos")) {
            long expiry = t.path("expiry_time").asLong(-1);
            String status = t.path("revoked").asBoolean(false) ? "revoked" : expiry >= 0 && expiry <= now ? "expired" : "active";
            String id = t.path("token_id").asText();
            String comment = t.path("comment").asText("");
            String created = Table.time(t.path("creation_time").asLong(-1), "-");
            String expires = Table.time(expiry, "never");
            String used = Table.time(t.path("last_used_time").asLong(-1), "never");
            if (managed) {
                table.row(id, t.path("owner").asText(""), comment, created, expires, used, status);
            } else {
                table.row(id, comment, created, expires, used, status);
            }
        }
        table.print(out, "No tokens.");
    }
}
