package dev.lakegate.server.cli;

import dev.lakegate.server.Gateway;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lakegate demo}: embedded defaults, scripted endpoints named like real ones, and setup for each agent. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo gateway on embedded defaults with a scripted model behind real-looking endpoint names.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        int port = server.port != null ? server.port : 8080;
        Optional<String> supplied = ServerOptions.adminToken();
        return Running.run(new Gateway.Options(DemoConfig.build(port, System::getenv), server.dataDir(), supplied), gateway -> {
            // The demo always prints a working token: the operator's, the one generated on first start, or a fresh 7-day one.
            String token = supplied.or(gateway::generatedAdminToken).orElseGet(() -> gateway.governance().tokens()
                    .createForBootstrapAdmin("lakegate demo", Duration.ofDays(7)).secret());
            String url = "http://127.0.0.1:" + gateway.port();
            System.out.println("Lakegate demo listening on " + url + " with endpoints: "
                    + String.join(", ", gateway.endpoints().all().stream().map(e -> e.name()).sorted().toList()));
            System.out.println("Data folder: " + server.dataDir().toAbsolutePath());
            System.out.println("Admin token: " + token);
            System.out.println();
            System.out.println(AgentSetup.text(url, token));
        });
    }
}
