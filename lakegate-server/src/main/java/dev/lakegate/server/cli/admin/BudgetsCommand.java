package dev.lakegate.server.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.governance.budgets.Usd;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakegate budgets create|list|show|update|delete}: USD limits per day or month (admin token). */
@Command(name = "budgets", mixinStandardHelpOptions = true,
        description = "Manage budgets (USD per UTC day or month, per user, service principal, group or endpoint) of a running gateway.")
final class BudgetsCommand implements Runnable {
    static final String PATH = "/api/2.0/budgets";

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    BudgetsCommand(Map<String, String> env) {
        this.client = new ClientOptions(env);
    }

    @Override
    public void run() {
        throw Cli.missingSubcommand(spec);
    }

    @Command(name = "create", description = "Create a budget for exactly one of --user, --service-principal, --group or --endpoint.")
    int create(
            @Parameters(paramLabel = "NAME", description = "Unique name, e.g. team-eng-daily") String name,
            @Option(names = "--user", paramLabel = "USER_NAME", description = "The user's own spend") String user,
            @Option(names = "--service-principal", paramLabel = "APPLICATION_ID", description = "The service principal's own spend") String sp,
            @Option(names = "--group", paramLabel = "GROUP", description = "The spend of all members together (users: everyone)") String group,
            @Option(names = "--endpoint", paramLabel = "ENDPOINT", description = "All spend on the endpoint") String endpoint,
            @Option(names = "--per", required = true, paramLabel = "day|month", description = "The period: UTC calendar day or month") String per,
            @Option(names = "--limit", required = true, paramLabel = "USD", description = "USD one period may spend, e.g. 25 or 2.50") String limit) {
        return Cli.run(spec, client, (api, out, err) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            putScope(body, user, sp, group, endpoint);
            body.put("period", period(per));
            body.put("limit_usd", usd(limit));
            JsonNode created = api.post(PATH, body);
            if (client.json) {
                Cli.printJson(out, created);
                return;
            }
            out.println("Created budget " + describe(created) + ".");
            printWindow(out, created);
        });
    }

    @Command(name = "list", description = "List budgets with the current window's spend.")
    int list() {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode answer = api.get(PATH);
            if (client.json) {
                Cli.printJson(out, answer);
                return;
            }
            Table table = new Table("NAME", "SCOPE", "SUBJECT", "LIMIT", "PER", "SPENT", "HELD", "LEFT", "RESETS AT");
            for (JsonNode b : answer.path("budgets")) {
                JsonNode w = b.path("current_window");
                table.row(b.path("name").asText(), b.path("scope").asText(), b.path("subject").asText(), money(b.path("limit_usd")),
                        b.path("period").asText().toLowerCase(Locale.ROOT), money(w.path("spent_usd")), money(w.path("reserved_usd")),
                        money(w.path("remaining_usd")), w.path("resets_at").asText());
            }
            table.print(out, "No budgets.");
        });
    }

    @Command(name = "show", description = "Show one budget and its current window.")
    int show(@Parameters(paramLabel = "NAME") String name) {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode budget = api.get(PATH + "/" + AdminClient.encode(name));
            if (client.json) {
                Cli.printJson(out, budget);
                return;
            }
            out.println("Budget " + describe(budget) + ", created by " + budget.path("created_by").asText() + " at "
                    + budget.path("created_at").asText() + ".");
            printWindow(out, budget);
        });
    }

    @Command(name = "update", description = "Change a budget's limit; it applies to the current window at once.")
    int update(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--limit", required = true, paramLabel = "USD", description = "The new USD limit per period") String limit) {
        return Cli.run(spec, client, (api, out, err) -> {
            JsonNode updated = api.patch(PATH + "/" + AdminClient.encode(name), Map.of("limit_usd", usd(limit)));
            if (client.json) {
                Cli.printJson(out, updated);
                return;
            }
            out.println("Updated budget " + describe(updated) + ".");
            printWindow(out, updated);
        });
    }

    @Command(name = "delete", description = "Delete a budget and its counters; requests it refused are admitted again.")
    int delete(@Parameters(paramLabel = "NAME") String name) {
        return Cli.run(spec, client, (api, out, err) -> {
            api.delete(PATH + "/" + AdminClient.encode(name));
            out.println("Deleted budget " + name + ".");
        });
    }

    private static void putScope(Map<String, Object> body, String user, String sp, String group, String endpoint) {
        Map<String, String> given = new LinkedHashMap<>();
        if (user != null) {
            given.put("USER", user);
        }
        if (sp != null) {
            given.put("SERVICE_PRINCIPAL", sp);
        }
        if (group != null) {
            given.put("GROUP", group);
        }
        if (endpoint != null) {
            given.put("ENDPOINT", endpoint);
        }
        if (given.size() != 1) {
            throw new CliFailure("give exactly one of --user, --service-principal, --group or --endpoint: whose spend the budget counts");
        }
        var only = given.entrySet().iterator().next();
        body.put("scope", only.getKey());
        body.put("subject", only.getValue());
    }

    private static String period(String per) {
        return switch (per.strip().toLowerCase(Locale.ROOT)) {
            case "day" -> "DAY";
            case "month" -> "MONTH";
            default -> throw new CliFailure("--per must be day or month, got '" + per + "'");
        };
    }

    private static BigDecimal usd(String limit) {
        try {
            return new BigDecimal(limit.strip().replaceFirst("^\\$", ""));
        } catch (NumberFormatException e) {
            throw new CliFailure("--limit must be an amount of US dollars such as 25 or 2.50, got '" + limit + "'");
        }
    }

    /** {@code alice-daily (user alice, $5.00 per day)} */
    private static String describe(JsonNode b) {
        return b.path("name").asText() + " (" + b.path("scope").asText().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                + b.path("subject").asText() + ", " + money(b.path("limit_usd")) + " per " + b.path("period").asText().toLowerCase(Locale.ROOT) + ")";
    }

    private static void printWindow(PrintWriter out, JsonNode b) {
        JsonNode w = b.path("current_window");
        out.println("This " + b.path("period").asText().toLowerCase(Locale.ROOT) + ": " + money(w.path("spent_usd")) + " spent, "
                + money(w.path("reserved_usd")) + " held by requests in progress, " + money(w.path("remaining_usd")) + " left; it resets at "
                + w.path("resets_at").asText() + ".");
    }

    private static String money(JsonNode usd) {
        return Usd.format(Math.round(usd.asDouble() * 1_000_000));
    }
}
