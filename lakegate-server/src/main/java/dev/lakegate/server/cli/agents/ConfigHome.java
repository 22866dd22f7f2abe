package dev.lakegate.server.cli.agents;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where each agent reads its configuration: under a home folder, unless the agent's own variable
 * moves it ({@code CLAUDE_CONFIG_DIR}, {@code CODEX_HOME}, {@code XDG_CONFIG_HOME} for OpenCode).
 */
public record ConfigHome(Path home, Path claudeDir, Path codexDir, Path geminiDir, Path openCodeDir) {

    /** Every agent's folder under {@code home}, ignoring the environment (a fresh or explicit home). */
    public static ConfigHome of(Path home) {
        Path h = home.toAbsolutePath().normalize();
        return new ConfigHome(h, h.resolve(".claude"), h.resolve(".codex"), h.resolve(".gemini"), h.resolve(".config").resolve("opencode"));
    }

    /** The folders the agents would read for this user: {@code $HOME}, moved by the agents' own variables when set. */
    static ConfigHome fromEnvironment(Map<String, String> env) {
        String homeVar = env.get("HOME");
        Path home = homeVar != null && !homeVar.isBlank() ? Path.of(homeVar) : Path.of(System.getProperty("user.home"));
        ConfigHome plain = of(home);
        return new ConfigHome(plain.home(),
                dirOr(env.get("CLAUDE_CONFIG_DIR"), plain.claudeDir()),
                dirOr(env.get("CODEX_HOME"), plain.codexDir()),
                plain.geminiDir(),
                env.get("XDG_CONFIG_HOME") == null || env.get("XDG_CONFIG_HOME").isBlank() ? plain.openCodeDir()
                        : Path.of(env.get("XDG_CONFIG_HOME")).resolve("opencode").toAbsolutePath().normalize());
    }

    private static Path dirOr(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value).toAbsolutePath().normalize();
    }
}
