package dev.lakegate.server.cli;

import dev.lakegate.server.Gateway;
import dev.lakegate.server.cli.demo.DemoData;
import dev.lakegate.server.cli.demo.DemoPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lakegate demo}: embedded defaults, scripted endpoints named like real ones, setup for each agent, and a
 * week of demo traffic and telemetry for the dashboard (written once, on the first start of a data folder).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo gateway on embedded defaults with a scripted model behind real-looking endpoint names.")
final class DemoCommand implements Callable<Integer> {
    /** Seed of the demo data: every demo shows the same week. */
    private static final long SEED = 2026;

    @Mixin
    ServerOptions server;

    @Option(names = "--demo-rows", paramLabel = "N", description = "Usage rows of the demo week (default: ${DEFAULT-VALUE}; 0 for none)")
    int demoRows = DemoData.DEFAULT_USAGE_ROWS;

    @Option(names = "--demo-telemetry-rows", paramLabel = "M",
            description = "Telemetry rows (agents' metrics and events) of the demo week (default: ${DEFAULT-VALUE})")
    int demoTelemetryRows = DemoData.DEFAULT_TELEMETRY_ROWS;

    @Override
    public Integer call() throws Exception {
        if (demoRows < 0 || demoTelemetryRows < 0) {
            System.err.println("error: --demo-rows and --demo-telemetry-rows must not be negative");
            return 2;
        }
        int port = server.port != null ? server.port : 8080;
        Optional<String> supplied = ServerOptions.adminToken();
        return Running.run(new Gateway.Options(DemoConfig.build(port, System::getenv), server.dataDir(), supplied), gateway -> {
            // The demo always prints a working token: the operator's, the one generated on first start, or a fresh 7-day one.
            String token = supplied.or(gateway::generatedAdminToken).orElseGet(() -> gateway.governance().tokens()
                    .createForBootstrapAdmin("lakegate demo", Duration.ofDays(7)).secret());
            String url = "http://127.0.0.1:" + gateway.port();
            long started = System.nanoTime();
            DemoData.Written written = DemoData.write(gateway.lake(), DemoPeople.admin(gateway), SEED, demoRows, demoTelemetryRows,
                    Instant.now());
            DemoPeople.create(gateway);
            if (written.usageRows() > 0) {
                System.out.printf("Demo data: %,d usage rows and %,d telemetry rows for the last 7 days, in %.1f s%n",
                        written.usageRows(), written.telemetryRows(), (System.nanoTime() - started) / 1e9);
            }
            System.out.println("Lakegate demo listening on " + url + " with endpoints: "
                    + String.join(", ", gateway.endpoints().all().stream().map(e -> e.name()).sorted().toList()));
            System.out.println("Data folder: " + server.dataDir().toAbsolutePath());
            System.out.println("Admin token: " + token);
            System.out.println("Dashboard: " + url + "/ui/ (sign in with the admin token)");
            System.out.println();
            System.out.println(AgentSetup.text(url, token));
        });
    }
}
