package dev.lakegate.server.cli.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Plans each agent's configuration: the same code serves {@code configure}, {@code run} and the end-to-end tests. */
public final class AgentConfigs {
    private AgentConfigs() {}

    /** What configuring {@code agent} under {@code home} would change; nothing is written. */
    public static Setup plan(Agent agent, AgentOptions options, ConfigHome home) {
        return switch (agent) {
            case CLAUDE -> ClaudeConfig.plan(options, home);
            case CODEX -> CodexConfig.plan(options, home);
            case GEMINI -> GeminiConfig.plan(options, home);
            case OPENCODE -> OpenCodeConfig.plan(options, home);
            case CURSOR -> CursorSteps.plan(options);
        };
    }

    /** A file's text, or null when it does not exist. */
    static String read(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
