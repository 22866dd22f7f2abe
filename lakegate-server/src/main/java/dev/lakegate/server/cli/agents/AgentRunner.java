package dev.lakegate.server.cli.agents;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code lakegate agents run}: the agent in a fresh, throwaway home configured exactly as
 * {@code configure} would (plus {@code --no-vendor-traffic}), with stdin, stdout, stderr and the exit
 * code passed through. {@link #prepare} is the part the end-to-end tests share.
 */
public final class AgentRunner {
    /**
     * Variables that would override the temporary configuration or hand a vendor key to the agent;
     * never passed on. {@code OTEL_*} variables are dropped as well.
     */
    static final Set<String> DROPPED = Set.of(
            "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL",
            "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_CUSTOM_HEADERS",
            "CLAUDE_CONFIG_DIR", "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_OAUTH_TOKEN",
            "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "CODEX_HOME", "CODEX_API_KEY",
            "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL", "GEMINI_MODEL", "GEMINI_API_KEY_AUTH_MECHANISM",
            "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_LOCATION", "GOOGLE_APPLICATION_CREDENTIALS",
            "OPENCODE_CONFIG", "OPENCODE_CONFIG_CONTENT", "OPENCODE_CONFIG_DIR",
            "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
            "LAKEGATE_TOKEN", "LAKEGATE_ADMIN_TOKEN");

    private AgentRunner() {}

    /**
     * Writes the agent's configuration into {@code home} (normally a fresh folder) and returns the
     * environment to run it with: {@code base} without {@link #DROPPED} and {@code OTEL_*} variables, with
     * {@code HOME} (and the XDG folders, {@code CODEX_HOME}) pointing into {@code home}, plus the
     * variables the agent needs beside its files ({@link Setup#runEnvironment()}).
     */
    public static Map<String, String> prepare(Agent agent, AgentOptions options, Path home, Map<String, String> base) {
        if (agent.binary() == null) {
            throw new ConfigFailure(agent.displayName() + " is an app, not a command: use 'lakegate agents configure "
                    + agent.id() + "' for the steps");
        }
        Setup setup = AgentConfigs.plan(agent, options, ConfigHome.of(home));
        ConfigWriter writer = new ConfigWriter(Clock.systemDefaultZone());
        setup.files().forEach(writer::write);
        Map<String, String> env = new LinkedHashMap<>(base);
        env.keySet().removeIf(k -> DROPPED.contains(k) || k.startsWith("OTEL_"));
        Path h = home.toAbsolutePath();
        env.put("HOME", h.toString());
        env.put("XDG_CONFIG_HOME", h.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", h.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", h.resolve(".local/share").toString());
        env.put("XDG_STATE_HOME", h.resolve(".local/state").toString());
        env.put("CODEX_HOME", h.resolve(".codex").toString());
        env.putAll(setup.runEnvironment());
        return env;
    }

    /** Runs the agent with inherited stdin/stdout/stderr; returns its exit code. The temporary home is deleted afterwards. */
    static int run(Agent agent, AgentOptions options, Path binary, List<String> args, Map<String, String> callerEnv)
            throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("lakegate-" + agent.id() + "-home-");
        Thread cleanup = new Thread(() -> deleteTree(home), "lakegate-agents-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C ends the JVM too: still delete the home
        try {
            Map<String, String> env = prepare(agent, options.withNoVendorTraffic(true), home, callerEnv);
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            pb.environment().clear();
            pb.environment().putAll(env);
            Process process = pb.start();
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                throw e;
            }
        } finally {
            deleteTree(home);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** {@code explicit} when given, else the agent's executable found on {@code PATH}. */
    static Path findBinary(Agent agent, Path explicit, Map<String, String> env) {
        if (explicit != null) {
            if (!Files.isExecutable(explicit)) {
                throw new ConfigFailure("--bin " + explicit + " is not an executable file");
            }
            return explicit;
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, agent.binary());
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new ConfigFailure(agent.binary() + " was not found on the PATH: install it (npm install -g " + agent.npmPackage()
                + ") or pass --bin /path/to/" + agent.binary());
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete the temporary home " + root + ": " + e.getMessage());
        }
    }
}
