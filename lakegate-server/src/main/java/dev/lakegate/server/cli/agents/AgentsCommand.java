package dev.lakegate.server.cli.agents;

import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lakegate agents configure|run}: point coding agents at a gateway (SPEC §8). */
@Command(name = "agents", mixinStandardHelpOptions = true,
        description = "Point coding agents (Claude Code, Codex CLI, Gemini CLI, OpenCode, Cursor) at a Lakegate gateway.")
public final class AgentsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: choose configure or run");
    }

    /** Adds {@code agents} with its subcommands to {@code root}, reading the process environment. */
    public static CommandLine register(CommandLine root) {
        return register(root, System.getenv(), Clock.systemDefaultZone());
    }

    /** The same with an explicit environment ({@code HOME}, {@code PATH}, {@code LAKEGATE_URL}, {@code LAKEGATE_TOKEN}, …) and clock. */
    public static CommandLine register(CommandLine root, Map<String, String> env, Clock clock) {
        CommandLine agents = new CommandLine(new AgentsCommand());
        agents.addSubcommand(new ConfigureCommand(env, clock));
        agents.addSubcommand(new RunCommand(env));
        root.addSubcommand(agents);
        return root;
    }
}
