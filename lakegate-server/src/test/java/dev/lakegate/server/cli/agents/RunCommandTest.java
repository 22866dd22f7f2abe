package dev.lakegate.server.cli.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lakegate agents run} with a stand-in agent: a shell script that reports its arguments,
 * environment and configuration files into a folder, then exits with a chosen code.
 */
class RunCommandTest {
    static final String TOKEN = "lg_run-token-abcdef";

    @TempDir
    Path dir;

    @Command(name = "lakegate")
    static final class Root {}

    /** A fake {@code name} binary in {@code dir/bin} that copies what it sees into {@code dir/seen}. */
    Path fakeAgent(String name) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve(name);
        Files.writeString(script, """
                #!/bin/sh
                seen="%s"
                mkdir -p "$seen"
                printf '%%s\\n' "$@" > "$seen/args"
                env | sort > "$seen/env"
                echo "$HOME" > "$seen/home"
                (cd "$HOME" && find . -type f | sort) > "$seen/files"
                cat "$HOME/.claude/settings.json" > "$seen/claude.json" 2>/dev/null
                cat "$HOME/.codex/config.toml" > "$seen/codex.toml" 2>/dev/null
                echo "out from $0"
                exit 7
                """.formatted(dir.resolve("seen")));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    int run(Map<String, String> env, String... args) {
        CommandLine cli = AgentsCommand.register(new CommandLine(new Root()), env, Clock.systemUTC());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        System.out.println(err);
        return code;
    }

    @Test
    void runsTheAgentInATemporaryConfiguredHomeAndPassesTheExitCodeThrough() throws Exception {
        Path bin = fakeAgent("claude");
        Map<String, String> env = new HashMap<>(Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", dir.resolve("real-home").toString(),
                "ANTHROPIC_API_KEY", "sk-vendor-key", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://elsewhere", "KEEP_ME", "yes",
                "LAKEGATE_TOKEN", TOKEN));
        int code = run(env, "agents", "run", "claude", "--url", "http://127.0.0.1:1234", "--", "-p", "say hi", "--allowedTools", "Bash(cat:*)");

        assertThat(code).isEqualTo(7);
        Path seen = dir.resolve("seen");
        assertThat(Files.readAllLines(seen.resolve("args"))).containsExactly("-p", "say hi", "--allowedTools", "Bash(cat:*)");
        String home = Files.readString(seen.resolve("home")).strip();
        assertThat(home).isNotEqualTo(env.get("HOME")).contains("lakegate-claude-home-");
        assertThat(Path.of(home)).as("the temporary home is deleted afterwards").doesNotExist();
        assertThat(Files.readString(seen.resolve("files"))).isEqualTo("./.claude/settings.json\n");
        assertThat(Files.readString(seen.resolve("claude.json")))
                .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:1234/anthropic\"", "\"ANTHROPIC_AUTH_TOKEN\": \"" + TOKEN + "\"",
                        "\"CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC\": \"1\"");
        List<String> agentEnv = Files.readAllLines(seen.resolve("env"));
        assertThat(agentEnv).contains("KEEP_ME=yes", "HOME=" + home, "XDG_CONFIG_HOME=" + home + "/.config")
                .noneMatch(l -> l.startsWith("ANTHROPIC_API_KEY=") || l.startsWith("OTEL_") || l.startsWith("LAKEGATE_TOKEN="));
        assertThat(Files.exists(dir.resolve("real-home"))).isFalse();
    }

    @Test
    void codexGetsItsTokenVariableAndGeminiTrustsTheWorkspace() throws Exception {
        Path home = Files.createDirectories(dir.resolve("h"));
        Map<String, String> base = Map.of("PATH", "/usr/bin", "LAKEGATE_TOKEN", "caller-token", "CODEX_HOME", "/somewhere");
        AgentOptions options = AgentOptions.of("http://gw:1", TOKEN, "e2e-gpt");
        Map<String, String> codex = AgentRunner.prepare(Agent.CODEX, options, home, base);
        assertThat(codex).containsEntry("LAKEGATE_TOKEN", TOKEN).containsEntry("CODEX_HOME", home.toAbsolutePath().resolve(".codex").toString())
                .containsEntry("PATH", "/usr/bin");
        assertThat(Files.readString(home.resolve(".codex/config.toml"))).contains("model = \"e2e-gpt\"", "env_key = \"LAKEGATE_TOKEN\"");

        Map<String, String> gemini = AgentRunner.prepare(Agent.GEMINI, options, home, base);
        assertThat(gemini).containsEntry("GEMINI_CLI_TRUST_WORKSPACE", "true").doesNotContainKey("LAKEGATE_TOKEN");
        assertThat(home.resolve(".gemini/.env")).exists();
        assertThat(home.resolve(".gemini/settings.json")).exists();
    }

    @Test
    void aMissingBinaryOrCursorIsExplained() {
        Map<String, String> env = Map.of("PATH", dir.toString(), "LAKEGATE_TOKEN", TOKEN);
        CommandLine cli = AgentsCommand.register(new CommandLine(new Root()), env, Clock.systemUTC());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("agents", "run", "gemini", "--", "-p", "hi")).isEqualTo(1);
        assertThat(err.toString()).contains("gemini was not found on the PATH: install it (npm install -g @google/gemini-cli) or pass --bin");
        assertThat(cli.execute("agents", "run", "cursor")).isEqualTo(1);
        assertThat(err.toString()).contains("Cursor is an app, not a command");
    }
}
