package dev.lakegate.server.observe;

/**
 * The coding agent behind a request (SPEC §1 tool detection).
 *
 * @param tool one of claude-code, codex-cli, gemini-cli, cursor, opencode, copilot-cli, sdk, other
 * @param version the tool's version, or null when it does not say
 * @param sessionId the agent's session id from its headers, or null
 */
public record Agent(String tool, String version, String sessionId) {}
