package dev.lakegate.server.cli.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate usage}: requests, tokens and spend per user, tool, endpoint, model or day, from the
 * usage table through a running gateway's SQL API.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = {"Requests, tokens and cost (USD) from system.ai_gateway.usage, per user, tool,",
                "endpoint, model or day. Admins see everyone's requests, anyone else their own."})
public final class UsageCommand implements Callable<Integer> {
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([dh])");

    @Option(names = "--since", paramLabel = "WHEN", description = "Count requests since: 7d, 24h, or a date 2026-11-01 (UTC) (default: 30d)")
    String since = "30d";

    @Option(names = "--by", paramLabel = "DIMENSION", description = "Group by user (default), tool, endpoint, model or day")
    UsageReport.By by = UsageReport.By.user;

    @Option(names = "--user", paramLabel = "NAME", description = "Only this user's or service principal's requests")
    String user;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (aligned, default), json (an array of objects) or csv")
    SqlCommand.Format format = SqlCommand.Format.table;

    @Mixin
    GatewayTarget gateway = new GatewayTarget();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    UsageCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /** Adds {@code usage} to {@code root}, reading the process environment. */
    public static CommandLine register(CommandLine root, Map<String, String> env) {
        root.addSubcommand(new UsageCommand(env, Clock.systemUTC()));
        return root;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            UsageReport report = new UsageReport(by, start(since, clock.instant()), user);
            JsonNode answer;
            try (SqlClient client = gateway.connect(env)) {
                answer = client.execute(report.sql());
            }
            SqlClient.failure(answer).ifPresent(f -> {
                throw new SqlFailure(f);
            });
            switch (format) {
                case table -> ResultPrinter.print(out, answer);
                case csv -> ResultPrinter.printCsv(out, answer);
                case json -> out.println(SqlClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ResultPrinter.objects(answer)));
            }
            return 0;
        } catch (SqlFailure e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** {@code 7d} or {@code 24h} before now, or the start (UTC) of a date. */
    static Instant start(String since, Instant now) {
        try {
            Matcher relative = RELATIVE.matcher(since.strip());
            if (relative.matches()) {
                long n = Long.parseLong(relative.group(1));
                return now.minus(relative.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n));
            }
            return LocalDate.parse(since.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (ArithmeticException | DateTimeException e) {
            throw new SqlFailure("--since takes a number of days or hours (7d, 24h) or a date (2026-11-01), not '" + since + "'");
        }
    }
}
