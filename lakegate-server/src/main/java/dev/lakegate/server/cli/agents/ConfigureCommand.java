package dev.lakegate.server.cli.agents;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakegate agents configure AGENT}: merges the gateway settings into the agent's own configuration files. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = {"Write an agent's configuration to use the gateway, merged with what is there.",
                "A file that changes is first copied to <file>.bak-<timestamp>. Cursor: prints the steps."})
final class ConfigureCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final Clock clock;

    @Parameters(index = "0", paramLabel = "AGENT", description = "claude, codex, gemini, opencode or cursor")
    String agentName;

    @Mixin
    TargetOptions target;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Home folder to configure (default $HOME; without it CLAUDE_CONFIG_DIR, CODEX_HOME and XDG_CONFIG_HOME are honoured)")
    Path home;

    @Option(names = "--dry-run", description = "Print the change as a diff (token masked) and write nothing")
    boolean dryRun;

    @Option(names = "--no-vendor-traffic", description = "Also turn off the agent's calls to its vendor (telemetry, updates, plugins)")
    boolean noVendorTraffic;

    @Spec
    CommandSpec spec;

    ConfigureCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Agent agent = Agent.parse(agentName);
            AgentOptions options = target.options(env, noVendorTraffic);
            ConfigHome where = home != null ? ConfigHome.of(home) : ConfigHome.fromEnvironment(env);
            Setup setup = AgentConfigs.plan(agent, options, where);
            out.println(agent.displayName() + " → " + options.url() + (dryRun ? "   (dry run: nothing is written; the token is masked)" : ""));
            ConfigWriter writer = new ConfigWriter(clock);
            for (FileChange change : setup.files()) {
                if (dryRun) {
                    out.print(change.changed()
                            ? Secrets.maskIn(Diff.unified(change.path().toString(), change.before(), change.after()), options.token())
                            : "unchanged " + change.path() + "\n");
                    continue;
                }
                ConfigWriter.Written w = writer.write(change);
                out.println(!w.changed() ? "  unchanged " + w.path()
                        : w.created() ? "  created " + w.path()
                        : "  updated " + w.path() + "   (backup: " + w.backup() + ")");
            }
            setup.notes().forEach(out::println);
            return 0;
        } catch (IllegalArgumentException | ConfigFailure | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
