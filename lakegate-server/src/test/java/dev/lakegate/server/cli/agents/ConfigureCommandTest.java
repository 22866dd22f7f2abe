package dev.lakegate.server.cli.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lakegate agents configure}: every agent's files, fresh and merged into existing ones, backups, dry runs. */
class ConfigureCommandTest {
    static final String URL = "http://gw.example:8080";
    static final String TOKEN = "lg_secret-token-0123456789";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T22:05:12Z"), ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    final Map<String, String> env = new HashMap<>();

    @Command(name = "lakegate")
    static final class Root {}

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        CommandLine cli = AgentsCommand.register(new CommandLine(new Root()), env, CLOCK);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Run configure(String agent, String... more) {
        List<String> args = new ArrayList<>(List.of("agents", "configure", agent, "--url", URL + "/", "--token", TOKEN, "--home", home.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    JsonNode json(Path p) throws IOException {
        return JSON.readTree(Files.readString(p));
    }

    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(home)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    // ---- Claude Code ------------------------------------------------------------------------------

    @Test
    void claudeWritesTheEnvBlock() throws Exception {
        Run r = configure("claude", "--no-vendor-traffic");
        assertThat(r.code()).as(r.err()).isZero();
        Path settings = home.resolve(".claude/settings.json");
        assertThat(r.out()).contains("Claude Code → " + URL, "created " + settings);
        JsonNode env = json(settings).path("env");
        assertThat(env.path("ANTHROPIC_BASE_URL").asText()).isEqualTo(URL + "/anthropic");
        assertThat(env.path("ANTHROPIC_AUTH_TOKEN").asText()).isEqualTo(TOKEN);
        assertThat(env.path("ANTHROPIC_MODEL").asText()).isEqualTo("claude-sonnet");
        assertThat(env.path("ANTHROPIC_SMALL_FAST_MODEL").asText()).isEqualTo("claude-sonnet");
        assertThat(env.path("ANTHROPIC_CUSTOM_HEADERS").asText()).isEqualTo("x-databricks-use-coding-agent-mode: true");
        assertThat(env.path("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC").asText()).isEqualTo("1");
        assertThat(env.path("DISABLE_AUTOUPDATER").asText()).isEqualTo("1");
        assertThat(env.has("CLAUDE_CODE_ENABLE_TELEMETRY")).isFalse();
        assertThat(Files.readString(settings)).startsWith("{\n  \"env\": {\n    \"ANTHROPIC_BASE_URL\": ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");
    }

    @Test
    void claudeTelemetryAsTheProductPageSetsIt() throws Exception {
        Run r = configure("claude", "--model", "claude-opus", "--small-model", "claude-haiku", "--telemetry", "--telemetry-tables", "main.obs.cc");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode env = json(home.resolve(".claude/settings.json")).path("env");
        assertThat(env.path("ANTHROPIC_MODEL").asText()).isEqualTo("claude-opus");
        assertThat(env.path("ANTHROPIC_SMALL_FAST_MODEL").asText()).isEqualTo("claude-haiku");
        assertThat(env.path("CLAUDE_CODE_ENABLE_TELEMETRY").asText()).isEqualTo("1");
        assertThat(env.path("OTEL_METRICS_EXPORTER").asText()).isEqualTo("otlp");
        assertThat(env.path("OTEL_LOGS_EXPORTER").asText()).isEqualTo("otlp");
        assertThat(env.path("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL").asText()).isEqualTo("http/protobuf");
        assertThat(env.path("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL").asText()).isEqualTo("http/protobuf");
        assertThat(env.path("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT").asText()).isEqualTo(URL + "/api/2.0/otel/v1/metrics");
        assertThat(env.path("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT").asText()).isEqualTo(URL + "/api/2.0/otel/v1/logs");
        assertThat(env.path("OTEL_EXPORTER_OTLP_METRICS_HEADERS").asText())
                .isEqualTo("Authorization=Bearer " + TOKEN + ",X-Databricks-UC-Table-Name=main.obs.cc_otel_metrics");
        assertThat(env.path("OTEL_EXPORTER_OTLP_LOGS_HEADERS").asText())
                .isEqualTo("Authorization=Bearer " + TOKEN + ",X-Databricks-UC-Table-Name=main.obs.cc_otel_logs");
        assertThat(env.has("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC")).isFalse();
    }

    @Test
    void claudeMergesIntoExistingSettingsAndKeepsABackup() throws Exception {
        Path settings = home.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        String original = """
                {
                  "permissions": {"allow": ["Bash(ls:*)"]},
                  "env": {"MY_VAR": "keep", "ANTHROPIC_MODEL": "old"},
                  "theme": "dark"
                }
                """;
        Files.writeString(settings, original);
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r-----"));

        Run r = configure("claude");
        assertThat(r.code()).as(r.err()).isZero();
        Path backup = home.resolve(".claude/settings.json.bak-20261127-220512");
        assertThat(r.out()).contains("updated " + settings, "backup: " + backup);
        assertThat(Files.readString(backup)).isEqualTo(original);
        JsonNode merged = json(settings);
        assertThat(merged.path("permissions").path("allow").get(0).asText()).isEqualTo("Bash(ls:*)");
        assertThat(merged.path("theme").asText()).isEqualTo("dark");
        assertThat(merged.path("env").path("MY_VAR").asText()).isEqualTo("keep");
        assertThat(merged.path("env").path("ANTHROPIC_MODEL").asText()).isEqualTo("claude-sonnet");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-r-----");

        // Again: nothing changes, so nothing is rewritten and no second backup is made.
        Run again = configure("claude");
        assertThat(again.out()).contains("unchanged " + settings);
        assertThat(files()).containsExactly(settings, backup);
    }

    @Test
    void claudeReadsSettingsWithCommentsAndSaysTheyAreNotKept() throws Exception {
        Path settings = home.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\n  // mine\n  \"theme\": \"dark\",\n}\n");
        Run r = configure("claude");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("comments in " + settings + " are not kept; the backup has them");
        assertThat(json(settings).path("theme").asText()).isEqualTo("dark");
    }

    @Test
    void aBrokenFileIsNamedAndLeftAlone() throws Exception {
        Path settings = home.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"env\": ");
        Run r = configure("claude");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: Cannot read " + settings + " as JSON").contains("fix or move it");
        assertThat(Files.readString(settings)).isEqualTo("{\"env\": ");
        assertThat(files()).containsExactly(settings);
    }

    // ---- Codex ----------------------------------------------------------------------------------

    @Test
    void codexWritesTheProviderAndPrintsTheTokenVariable() throws Exception {
        Run r = configure("codex", "--model", "e2e-gpt", "--no-vendor-traffic");
        assertThat(r.code()).as(r.err()).isZero();
        Path config = home.resolve(".codex/config.toml");
        assertThat(Files.readString(config)).isEqualTo("""
                model = "e2e-gpt"
                model_provider = "lakegate"

                [model_providers.lakegate]
                name = "Lakegate"
                base_url = "http://gw.example:8080/openai/v1"
                env_key = "LAKEGATE_TOKEN"
                wire_api = "responses"

                [analytics]
                enabled = false

                [features]
                plugins = false
                """);
        assertThat(r.out()).contains("export LAKEGATE_TOKEN=" + TOKEN);
        assertThat(Files.readString(config)).doesNotContain(TOKEN);
    }

    @Test
    void codexMergesIntoAnExistingConfigKeepingEverythingElse() throws Exception {
        Path config = home.resolve(".codex/config.toml");
        Files.createDirectories(config.getParent());
        String original = """
                # my codex settings
                model = "o3"   # old model
                approval_policy = "on-request"
                notify = [
                  "notify-send",
                  "Codex [done]",
                ]

                [model_providers.lakegate]
                name = "Lakegate"
                base_url = "http://old:1/openai/v1"
                request_max_retries = 2

                [features]
                web_search = true
                plugins = true

                [profiles.fast]
                model = "gpt-5-mini"
                """;
        Files.writeString(config, original);
        Run r = configure("codex", "--no-vendor-traffic");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(config)).isEqualTo("""
                # my codex settings
                model = "gpt-5"
                approval_policy = "on-request"
                notify = [
                  "notify-send",
                  "Codex [done]",
                ]
                model_provider = "lakegate"

                [model_providers.lakegate]
                name = "Lakegate"
                base_url = "http://gw.example:8080/openai/v1"
                request_max_retries = 2
                env_key = "LAKEGATE_TOKEN"
                wire_api = "responses"

                [features]
                web_search = true
                plugins = false

                [profiles.fast]
                model = "gpt-5-mini"

                [analytics]
                enabled = false
                """);
        assertThat(Files.readString(home.resolve(".codex/config.toml.bak-20261127-220512"))).isEqualTo(original);
    }

    @Test
    void codexTelemetryUsesTheOtelExporters() throws Exception {
        Path config = home.resolve(".codex/config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                [otel]
                environment = "prod"

                [otel.exporter.otlp-http]
                endpoint = "http://old-collector/v1/logs"
                protocol = "json"
                """);
        Run r = configure("codex", "--telemetry");
        assertThat(r.code()).as(r.err()).isZero();
        String toml = Files.readString(config);
        assertThat(toml).contains("""
                [otel]
                environment = "prod"
                exporter = { otlp-http = { endpoint = "http://gw.example:8080/api/2.0/otel/v1/logs", protocol = "binary", \
                headers = { Authorization = "Bearer lg_secret-token-0123456789", \
                X-Databricks-UC-Table-Name = "main.telemetry.agents_otel_logs" } } }
                metrics_exporter = { otlp-http = { endpoint = "http://gw.example:8080/api/2.0/otel/v1/metrics\"""");
        assertThat(toml).contains("trace_exporter = { otlp-http = { endpoint = \"http://gw.example:8080/api/2.0/otel/v1/traces\"",
                "main.telemetry.agents_otel_spans");
        assertThat(toml).doesNotContain("old-collector", "[otel.exporter");
    }

    @Test
    void codexRefusesAProviderDefinedInline() throws Exception {
        Path config = home.resolve(".codex/config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "model_providers = { lakegate = { name = \"x\" } }\n");
        Run r = configure("codex");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("Cannot set model_providers.lakegate.name", "line 1", "move that setting into a [table] section");
    }

    // ---- Gemini CLI -------------------------------------------------------------------------------

    @Test
    void geminiWritesEnvAndSettings() throws Exception {
        Run r = configure("gemini", "--model", "e2e-gemini", "--no-vendor-traffic");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(home.resolve(".gemini/.env"))).isEqualTo("""
                GEMINI_MODEL="e2e-gemini"
                GOOGLE_GEMINI_BASE_URL="http://gw.example:8080/gemini"
                GEMINI_API_KEY_AUTH_MECHANISM="bearer"
                GEMINI_API_KEY="lg_secret-token-0123456789"
                """);
        JsonNode settings = json(home.resolve(".gemini/settings.json"));
        assertThat(settings.at("/security/auth/selectedType").asText()).isEqualTo("gemini-api-key");
        assertThat(settings.at("/privacy/usageStatisticsEnabled").asBoolean(true)).isFalse();
        assertThat(r.out()).contains("export GEMINI_CLI_TRUST_WORKSPACE=true");
    }

    @Test
    void geminiMergesBothFilesAndBacksBothUp() throws Exception {
        Path dotEnv = home.resolve(".gemini/.env");
        Path settings = home.resolve(".gemini/settings.json");
        Files.createDirectories(dotEnv.getParent());
        Files.writeString(dotEnv, "# mine\nexport GEMINI_API_KEY=old-key\nOTHER=1\nGEMINI_API_KEY=dup\n");
        Files.writeString(settings, "{\"ui\":{\"theme\":\"GitHub\"},\"security\":{\"auth\":{\"selectedType\":\"oauth-personal\"},\"folderTrust\":{\"enabled\":true}}}");
        Run r = configure("gemini", "--telemetry");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(dotEnv)).isEqualTo("""
                # mine
                GEMINI_API_KEY="lg_secret-token-0123456789"
                OTHER=1
                GEMINI_MODEL="gemini-2.5-pro"
                GOOGLE_GEMINI_BASE_URL="http://gw.example:8080/gemini"
                GEMINI_API_KEY_AUTH_MECHANISM="bearer"
                OTEL_EXPORTER_OTLP_TRACES_HEADERS="Authorization=Bearer lg_secret-token-0123456789,X-Databricks-UC-Table-Name=main.telemetry.agents_otel_spans"
                OTEL_EXPORTER_OTLP_LOGS_HEADERS="Authorization=Bearer lg_secret-token-0123456789,X-Databricks-UC-Table-Name=main.telemetry.agents_otel_logs"
                OTEL_EXPORTER_OTLP_METRICS_HEADERS="Authorization=Bearer lg_secret-token-0123456789,X-Databricks-UC-Table-Name=main.telemetry.agents_otel_metrics"
                """);
        JsonNode merged = json(settings);
        assertThat(merged.at("/ui/theme").asText()).isEqualTo("GitHub");
        assertThat(merged.at("/security/folderTrust/enabled").asBoolean()).isTrue();
        assertThat(merged.at("/security/auth/selectedType").asText()).isEqualTo("gemini-api-key");
        assertThat(merged.at("/telemetry/enabled").asBoolean()).isTrue();
        assertThat(merged.at("/telemetry/otlpEndpoint").asText()).isEqualTo(URL + "/api/2.0/otel");
        assertThat(merged.at("/telemetry/otlpProtocol").asText()).isEqualTo("http");
        assertThat(merged.has("privacy")).isFalse();
        assertThat(Files.readString(home.resolve(".gemini/.env.bak-20261127-220512"))).startsWith("# mine\nexport GEMINI_API_KEY=old-key");
        assertThat(home.resolve(".gemini/settings.json.bak-20261127-220512")).exists();
    }

    // ---- OpenCode and Cursor ------------------------------------------------------------------------

    @Test
    void openCodeAddsAnOpenAiCompatibleProvider() throws Exception {
        Path config = home.resolve(".config/opencode/opencode.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                {"$schema": "https://opencode.ai/config.json", "theme": "tokyonight",
                 "provider": {"anthropic": {"options": {"timeout": 600000}},
                              "lakegate": {"models": {"older-endpoint": {"name": "older-endpoint"}}}}}""");
        Run r = configure("opencode", "--model", "gpt-5", "--small-model", "gpt-5-mini", "--no-vendor-traffic");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode c = json(config);
        assertThat(c.path("theme").asText()).isEqualTo("tokyonight");
        assertThat(c.at("/provider/anthropic/options/timeout").asInt()).isEqualTo(600000);
        JsonNode p = c.at("/provider/lakegate");
        assertThat(p.path("npm").asText()).isEqualTo("@ai-sdk/openai-compatible");
        assertThat(p.at("/options/baseURL").asText()).isEqualTo(URL + "/openai/v1");
        assertThat(p.at("/options/apiKey").asText()).isEqualTo(TOKEN);
        assertThat(p.path("models").fieldNames()).toIterable().containsExactly("older-endpoint", "gpt-5", "gpt-5-mini");
        assertThat(c.path("model").asText()).isEqualTo("lakegate/gpt-5");
        assertThat(c.path("small_model").asText()).isEqualTo("lakegate/gpt-5-mini");
        assertThat(c.path("autoupdate").asBoolean(true)).isFalse();
        assertThat(c.path("share").asText()).isEqualTo("disabled");
        assertThat(home.resolve(".config/opencode/opencode.json.bak-20261127-220512")).exists();
    }

    @Test
    void cursorPrintsTheStepsAndWritesNothing() throws Exception {
        Run r = configure("cursor", "--model", "e2e-cursor");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("OpenAI API Key:            " + TOKEN, "Override OpenAI Base URL:  " + URL + "/cursor/v1",
                "Add custom model:          e2e-cursor");
        assertThat(files()).isEmpty();
    }

    // ---- dry runs and the command line ------------------------------------------------------------

    @Test
    void dryRunPrintsADiffWithTheTokenMaskedAndWritesNothing() throws Exception {
        Path settings = home.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\n  \"theme\": \"dark\"\n}\n");
        for (String agent : List.of("claude", "codex", "gemini", "opencode", "cursor")) {
            Run r = configure(agent, "--dry-run", "--telemetry");
            assertThat(r.code()).as(agent + ": " + r.err()).isZero();
            assertThat(r.out()).as(agent).contains("dry run: nothing is written");
            if (!agent.equals("cursor") && !agent.equals("codex")) {
                assertThat(r.out()).as(agent).doesNotContain(TOKEN).contains("lg_sec…(masked)");
            }
        }
        assertThat(files()).containsExactly(settings);
        Run claude = configure("claude", "--dry-run");
        assertThat(claude.out()).contains("""
                --- %1$s
                +++ %1$s
                @@ -1,3 +1,11 @@
                 {
                -  "theme": "dark"
                +  "theme": "dark",
                +  "env": {
                +    "ANTHROPIC_BASE_URL": "http://gw.example:8080/anthropic",
                +    "ANTHROPIC_AUTH_TOKEN": "lg_sec…(masked)",
                """.formatted(settings));
        Run codex = configure("codex", "--dry-run");
        assertThat(codex.out()).contains("--- /dev/null\n+++ " + home.resolve(".codex/config.toml") + "\n@@ -0,0 +1,8 @@\n+model = \"gpt-5\"\n");
    }

    @Test
    void homeDefaultsToTheEnvironmentAndTheAgentsOwnVariables() throws Exception {
        env.put("HOME", home.toString());
        env.put("CODEX_HOME", home.resolve("elsewhere/codex").toString());
        env.put("LAKEGATE_URL", "http://from-env:9");
        env.put("LAKEGATE_TOKEN", TOKEN);
        assertThat(run("agents", "configure", "claude").code()).isZero();
        assertThat(run("agents", "configure", "codex").code()).isZero();
        assertThat(json(home.resolve(".claude/settings.json")).at("/env/ANTHROPIC_BASE_URL").asText()).isEqualTo("http://from-env:9/anthropic");
        assertThat(home.resolve("elsewhere/codex/config.toml")).exists();
    }

    @Test
    void mistakesAreExplained() {
        assertThat(run("agents", "configure", "vim", "--token", TOKEN, "--home", home.toString()).err())
                .contains("Unknown agent 'vim': choose one of claude, codex, gemini, opencode, cursor");
        assertThat(run("agents", "configure", "claude", "--home", home.toString()).err()).contains("no token: pass --token");
        assertThat(run("agents", "configure", "claude", "--url", "gw:8080", "--token", TOKEN, "--home", home.toString()).err())
                .contains("--url must be the gateway's http(s) base URL");
        assertThat(configure("claude", "--telemetry-tables", "a.b.c").err()).contains("--telemetry-tables only applies with --telemetry");
        assertThat(configure("claude", "--telemetry", "--telemetry-tables", "a.b").err()).contains("CATALOG.SCHEMA.PREFIX");
        assertThat(run("agents").err()).contains("Missing subcommand");
        assertThat(run("agents", "configure", "--help").out()).contains("--dry-run", "--no-vendor-traffic", "--telemetry-tables");
    }
}
