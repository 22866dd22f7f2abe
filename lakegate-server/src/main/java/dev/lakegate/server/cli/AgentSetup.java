package dev.lakegate.server.cli;

/** Copy-paste setup for each agent, pointing at a gateway (SPEC §8; settings as in reference/agents). */
final class AgentSetup {
    private AgentSetup() {}

    static String text(String baseUrl, String token) {
        return """
                ── Claude Code ──────────────────────────────────────────────
                  export ANTHROPIC_BASE_URL=%1$s/anthropic
                  export ANTHROPIC_AUTH_TOKEN=%2$s
                  export ANTHROPIC_MODEL=claude-sonnet
                  export ANTHROPIC_SMALL_FAST_MODEL=claude-haiku
                  export ANTHROPIC_CUSTOM_HEADERS='x-databricks-use-coding-agent-mode: true'
                  export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
                  claude -p "say hi"

                ── Codex CLI ── add to ~/.codex/config.toml ──────────────────
                  model = "gpt-5"
                  model_provider = "lakegate"

                  [model_providers.lakegate]
                  name = "Lakegate"
                  base_url = "%1$s/openai/v1"
                  env_key = "LAKEGATE_TOKEN"
                  wire_api = "responses"

                  [analytics]
                  enabled = false
                then: LAKEGATE_TOKEN=%2$s codex exec --skip-git-repo-check "say hi"

                ── Gemini CLI ── ~/.gemini/.env ──────────────────────────────
                  GEMINI_MODEL=gemini-2.5-pro
                  GOOGLE_GEMINI_BASE_URL=%1$s/gemini
                  GEMINI_API_KEY_AUTH_MECHANISM="bearer"
                  GEMINI_API_KEY=%2$s
                and ~/.gemini/settings.json:
                  {"security":{"auth":{"selectedType":"gemini-api-key"}},"privacy":{"usageStatisticsEnabled":false}}
                then: GEMINI_CLI_TRUST_WORKSPACE=true gemini -p "say hi"

                ── Cursor ── Settings › Models ──────────────────────────────
                  OpenAI API Key:            %2$s
                  Override OpenAI Base URL:  %1$s/cursor/v1   (must be reachable from Cursor's servers)
                  Add custom model:          gpt-5

                ── Any SDK / curl ───────────────────────────────────────────
                  curl %1$s/openai/v1/chat/completions -H 'Authorization: Bearer %2$s' \\
                    -H 'content-type: application/json' -d '{"model":"gpt-5","messages":[{"role":"user","content":"hi"}]}'
                """.formatted(baseUrl, token);
    }
}
