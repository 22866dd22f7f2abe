package dev.lakegate.server.observe;

import dev.lakegate.server.surface.Surface;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attributes a request to a coding agent from its surface, User-Agent and headers, as the real agents
 * send them (reference/agents/clients.md): {@code claude-cli/2.1.197 (external, sdk-cli)},
 * {@code codex_exec/0.171.0 (…)}, {@code GeminiCLI-tui/0.61.0/gw-gemini (linux; x64; terminal)}.
 * The cursor surface is Cursor's alone: Cursor calls it from its own servers, with a generic client.
 */
public final class AgentDetector {
    private record Rule(Pattern pattern, String tool) {}

    private static final Rule[] RULES = {
        new Rule(Pattern.compile("^claude-cli/([\\w.\\-]+)"), "claude-code"),
        new Rule(Pattern.compile("^codex[_\\-](?:exec|cli_rs|tui|cli)/([\\w.\\-]+)"), "codex-cli"),
        new Rule(Pattern.compile("^GeminiCLI(?:-[\\w]+)?/([\\w.\\-]+)"), "gemini-cli"),
        new Rule(Pattern.compile("(?i)\\bcursor/?([\\d][\\w.\\-]*)?"), "cursor"),
        new Rule(Pattern.compile("(?i)^opencode/([\\w.\\-]+)"), "opencode"),
        new Rule(Pattern.compile("(?i)copilot[\\w\\-]*/([\\w.\\-]+)"), "copilot-cli"),
        new Rule(Pattern.compile("^(?:Anthropic|OpenAI)/(?:JS|Python|Java|Go) ([\\w.\\-]+)"), "sdk"),
        new Rule(Pattern.compile("google-genai-sdk/([\\w.\\-]+)"), "sdk"),
    };

    /**
     * What the rules made of each User-Agent (and {@code x-goog-api-client}) seen: a fleet of agents sends a handful,
     * and matching eight patterns was among the largest allocations of a request. Bounded, as clients choose the keys.
     */
    private static final Map<String, Agent> KNOWN = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN = 1024;

    private AgentDetector() {}

    /** @param headers request headers with lower-cased names */
    public static Agent detect(Surface surface, Map<String, String> headers) {
        String sessionId = firstPresent(headers, "x-claude-code-session-id", "session-id", "x-session-id");
        Agent agent = fromHeaders(headers, sessionId);
        return surface == Surface.CURSOR && !agent.tool().equals("cursor") ? new Agent("cursor", null, sessionId) : agent;
    }

    private static Agent fromHeaders(Map<String, String> headers, String sessionId) {
        String ua = headers.getOrDefault("user-agent", "");
        String goog = headers.getOrDefault("x-goog-api-client", "");
        String key = goog.isEmpty() ? ua : ua + '\n' + goog;
        Agent known = KNOWN.get(key);
        if (known == null) {
            known = match(ua, goog);
            if (KNOWN.size() < MAX_KNOWN) {
                KNOWN.putIfAbsent(key, known);
            }
        }
        return sessionId == null ? known : new Agent(known.tool(), known.version(), sessionId);
    }

    /** The tool and version the headers name (no session). */
    private static Agent match(String ua, String goog) {
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(ua);
            if (m.find()) {
                return new Agent(rule.tool(), m.groupCount() > 0 ? m.group(1) : null, null);
            }
        }
        // The Google GenAI SDK names itself in x-goog-api-client rather than the User-Agent.
        Matcher genai = RULES[RULES.length - 1].pattern().matcher(goog);
        if (genai.find()) {
            return new Agent("sdk", genai.group(1), null);
        }
        return new Agent("other", null, null);
    }

    private static String firstPresent(Map<String, String> headers, String... names) {
        for (String name : names) {
            String v = headers.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
