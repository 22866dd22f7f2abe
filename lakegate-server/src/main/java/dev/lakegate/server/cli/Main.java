package dev.lakegate.server.cli;

import dev.lakegate.server.cli.admin.AdminCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lakegate} command line. */
@Command(name = "lakegate", mixinStandardHelpOptions = true, version = "Lakegate 0.1.0", scope = CommandLine.ScopeType.INHERIT,
        description = "A self-hosted AI gateway for coding agents.",
        subcommands = {ServeCommand.class, DemoCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        AdminCommands.register(cli);
        dev.lakegate.server.cli.agents.AgentsCommand.register(cli);
        dev.lakegate.server.cli.sql.SqlCommand.register(cli); // lakegate sql (SPEC §6)
        dev.lakegate.server.cli.sql.OtelCommand.register(cli, System.getenv()); // lakegate otel create-tables (SPEC §5)
        dev.lakegate.server.cli.sql.UsageCommand.register(cli, System.getenv()); // lakegate usage (SPEC §4 spend)
        return cli;
    }
}
