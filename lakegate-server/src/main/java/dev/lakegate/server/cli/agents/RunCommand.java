package dev.lakegate.server.cli.agents;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lakegate agents run AGENT -- ARGS}: the agent with a temporary configuration that is deleted afterwards. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an agent against the gateway in a fresh temporary HOME, configured as 'configure --no-vendor-traffic' "
                + "would and deleted afterwards. Arguments after -- go to the agent; its exit code is returned.",
                "Example: lakegate agents run claude --token $LAKEGATE_TOKEN -- -p \"say hi\""})
final class RunCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Parameters(index = "0", paramLabel = "AGENT", description = "claude, codex, gemini or opencode")
    String agentName;

    @Parameters(index = "1..*", paramLabel = "AGENT_ARGS", description = "Arguments for the agent (put them after --)")
    List<String> agentArgs = new ArrayList<>();

    @Mixin
    TargetOptions target;

    @Option(names = "--bin", paramLabel = "PATH", description = "The agent's executable (default: found on the PATH)")
    Path bin;

    @Spec
    CommandSpec spec;

    RunCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Agent agent = Agent.parse(agentName);
            AgentOptions options = target.options(env, true);
            if (agent.binary() == null) {
                throw new ConfigFailure(agent.displayName() + " is an app, not a command: use 'lakegate agents configure "
                        + agent.id() + "' for the steps");
            }
            Path binary = AgentRunner.findBinary(agent, bin, env);
            return AgentRunner.run(agent, options, binary, agentArgs, env);
        } catch (IllegalArgumentException | ConfigFailure | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot run " + agentName + ": " + e.getMessage());
            return 1;
        } finally {
            err.flush();
        }
    }
}
