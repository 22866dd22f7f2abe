package dev.lakegate.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.surface.Surface;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User-Agents exactly as the real agents sent them (reference/agents/captures). */
class AgentDetectorTest {

    @Test
    void claudeCodeWithSessionId() {
        Agent a = AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", "claude-cli/2.1.197 (external, sdk-cli)",
                "x-claude-code-session-id", "7f3c2a9e-1111-2222-3333-444455556666"));
        assertThat(a).isEqualTo(new Agent("claude-code", "2.1.197", "7f3c2a9e-1111-2222-3333-444455556666"));
    }

    @Test
    void codexExecWithSessionId() {
        Agent a = AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", "codex_exec/0.171.0 (Debian 12.0.0; x86_64) xterm (codex_exec; 0.171.0)",
                "session-id", "0199a1b2-c3d4"));
        assertThat(a).isEqualTo(new Agent("codex-cli", "0.171.0", "0199a1b2-c3d4"));
    }

    @Test
    void geminiCli() {
        assertThat(AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", "GeminiCLI-tui/0.61.0/gw-gemini (linux; x64; terminal)")))
                .isEqualTo(new Agent("gemini-cli", "0.61.0", null));
    }

    @Test
    void sdksAndUnknowns() {
        assertThat(AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", "OpenAI/JS 5.23.0")).tool()).isEqualTo("sdk");
        assertThat(AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", "Anthropic/JS 0.65.0")).version()).isEqualTo("0.65.0");
        assertThat(AgentDetector.detect(Surface.ANTHROPIC, Map.of("x-goog-api-client", "google-genai-sdk/1.30.0 gl-node/v20.20.2")))
                .isEqualTo(new Agent("sdk", "1.30.0", null));
        assertThat(AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", "curl/8.0"))).isEqualTo(new Agent("other", null, null));
        assertThat(AgentDetector.detect(Surface.ANTHROPIC, Map.of()).tool()).isEqualTo("other");
    }

    @Test
    void aUserAgentSeenBeforeStillGetsEachRequestsOwnSessionAndTheSameHeadersGiveTheSameAgent() {
        String ua = "claude-cli/2.1.198 (external, cli)";
        Agent first = AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", ua, "x-claude-code-session-id", "s-1"));
        Agent second = AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", ua, "x-claude-code-session-id", "s-2"));
        Agent none = AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", ua));
        assertThat(first).isEqualTo(new Agent("claude-code", "2.1.198", "s-1"));
        assertThat(second).isEqualTo(new Agent("claude-code", "2.1.198", "s-2"));
        assertThat(none).isEqualTo(new Agent("claude-code", "2.1.198", null));
        // The same User-Agent with the GenAI SDK's header is another client.
        assertThat(AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", "node", "x-goog-api-client", "google-genai-sdk/1.31.0")))
                .isEqualTo(new Agent("sdk", "1.31.0", null));
        assertThat(AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", "node"))).isEqualTo(new Agent("other", null, null));
    }

    @Test
    void manyDistinctUserAgentsAreStillDetectedOnceTheMemoryOfThemIsFull() {
        for (int i = 0; i < 3000; i++) {
            assertThat(AgentDetector.detect(Surface.ANTHROPIC, Map.of("user-agent", "codex_exec/0." + i + ".0 (x)")))
                    .isEqualTo(new Agent("codex-cli", "0." + i + ".0", null));
        }
    }

    @Test
    void theCursorSurfaceIsCursorsWhateverClientItUses() {
        assertThat(AgentDetector.detect(Surface.CURSOR, Map.of("user-agent", "OpenAI/JS 5.23.0"))).isEqualTo(new Agent("cursor", null, null));
        assertThat(AgentDetector.detect(Surface.CURSOR, Map.of())).isEqualTo(new Agent("cursor", null, null));
        assertThat(AgentDetector.detect(Surface.CURSOR, Map.of("user-agent", "Cursor/1.7.2"))).isEqualTo(new Agent("cursor", "1.7.2", null));
    }
}
