package dev.lakegate.server.cli.agents;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The coding agents {@code lakegate agents} knows how to point at a gateway. */
public enum Agent {
    CLAUDE("claude", "Claude Code", "claude", "@anthropic-ai/claude-code", "claude-sonnet"),
    CODEX("codex", "Codex CLI", "codex", "@openai/codex", "gpt-5"),
    GEMINI("gemini", "Gemini CLI", "gemini", "@google/gemini-cli", "gemini-2.5-pro"),
    OPENCODE("opencode", "OpenCode", "opencode", "opencode-ai", "gpt-5"),
    CURSOR("cursor", "Cursor", null, null, "gpt-5");

    private final String id;
    private final String displayName;
    private final String binary;
    private final String npmPackage;
    private final String defaultModel;

    Agent(String id, String displayName, String binary, String npmPackage, String defaultModel) {
        this.id = id;
        this.displayName = displayName;
        this.binary = binary;
        this.npmPackage = npmPackage;
        this.defaultModel = defaultModel;
    }

    /** The name on the command line: {@code claude}, {@code codex}, … */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The executable's name on the PATH, or null for an agent that is not a command (Cursor). */
    public String binary() {
        return binary;
    }

    /** The npm package that installs {@link #binary()}, or null. */
    public String npmPackage() {
        return npmPackage;
    }

    /** The endpoint name used when {@code --model} is not given: one the demo gateway serves. */
    public String defaultModel() {
        return defaultModel;
    }

    public static Agent parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (Agent a : values()) {
            if (a.id.equals(wanted)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown agent '" + name + "': choose one of " + ids());
    }

    static String ids() {
        return Arrays.stream(values()).map(Agent::id).collect(Collectors.joining(", "));
    }
}
