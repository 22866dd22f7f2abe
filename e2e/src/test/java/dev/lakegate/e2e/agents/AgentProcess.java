package dev.lakegate.e2e.agents;

import static org.assertj.core.api.Assertions.fail;

import dev.lakegate.server.cli.agents.Agent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an agent CLI from {@code e2e/agents} headless, the way the real-agent tests do: in a throwaway
 * folder (working directory, home, TMPDIR), from a clean environment, with stdin closed and stdout and
 * stderr captured to files and echoed to the test log.
 */
final class AgentProcess {
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private AgentProcess() {}

    /** A run's throwaway folders; closing deletes them. */
    record Scratch(Path root, Path work, Path home, Path tmp) implements AutoCloseable {
        static Scratch create(Agent agent) throws IOException {
            Path root = Files.createTempDirectory("lakegate-agent-" + agent.id() + "-");
            return new Scratch(root, Files.createDirectories(root.resolve("work")), Files.createDirectories(root.resolve("home")),
                    Files.createDirectories(root.resolve("tmp")));
        }

        /** What every agent needs and nothing from the caller's environment: no vendor key can leak in. */
        Map<String, String> baseEnvironment() {
            Map<String, String> base = new LinkedHashMap<>();
            base.put("PATH", cleanPath());
            base.put("TMPDIR", tmp.toString());
            base.put("LANG", "C.UTF-8");
            base.put("TERM", "dumb");
            base.put("NO_COLOR", "1");
            return base;
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** How a run ended; {@code exitCode} is -1 when it was killed at the timeout. */
    record Result(boolean finished, int exitCode, String stdout, String stderr, long millis) {}

    /** The agent's launcher in {@code e2e/agents/node_modules/.bin}; fails the test with the install line when missing. */
    static Path binary(Agent agent) {
        Path binary = binDir().resolve(agent.binary());
        if (!Files.isExecutable(binary)) {
            fail(binary + " is missing: run 'npm ci --prefix e2e/agents' from the repository root (Node 20+), then rerun");
        }
        return binary;
    }

    /** Runs {@code command} in {@code scratch.work()} with exactly {@code env}; the output goes to the log prefixed with {@code label}. */
    static Result run(String label, List<String> command, Scratch scratch, Map<String, String> env) throws IOException, InterruptedException {
        Path stdout = scratch.root().resolve("stdout.txt");
        Path stderr = scratch.root().resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(scratch.work().toFile())
                .redirectInput(new File("/dev/null")).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        System.out.println("[" + label + "] " + String.join(" ", command) + "   (in " + scratch.work() + ")");
        long started = System.nanoTime();
        Process process = pb.start();
        boolean finished = process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Result result = new Result(finished, finished ? process.exitValue() : -1, Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), millis);
        print(label, "stdout", result.stdout());
        print(label, "stderr", result.stderr());
        System.out.println("[" + label + "] exit " + (finished ? result.exitCode() : "none (killed)") + " after " + millis + " ms");
        return result;
    }

    private static void print(String label, String stream, String text) {
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                System.out.println("[" + label + "] " + stream + ": " + line);
            }
        }
    }

    /** The directory holding {@code node} (the agents' launchers need it) and the system's own directories. */
    private static String cleanPath() {
        LinkedHashSet<String> dirs = new LinkedHashSet<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "node"))) {
                dirs.add(dir);
                break;
            }
        }
        dirs.addAll(List.of("/usr/local/bin", "/usr/bin", "/bin"));
        return String.join(File.pathSeparator, dirs);
    }

    /** {@code e2e/agents/node_modules/.bin}; Surefire runs in the e2e module, a plain run may start at the repository root. */
    private static Path binDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(here.resolve("agents"), here.resolve("e2e/agents"))) {
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate.resolve("node_modules/.bin");
            }
        }
        throw new IllegalStateException("Cannot find e2e/agents/package.json from " + here);
    }
}
