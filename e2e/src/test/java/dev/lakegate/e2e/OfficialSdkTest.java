package dev.lakegate.e2e;

import dev.lakegate.server.testing.TestGateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.ScriptedCredential;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives a real gateway with the vendors' official JavaScript SDKs ({@code e2e/sdk/*.test.mjs}, run
 * by node's test runner, one file per test here so a failure names the SDK), then checks from the
 * scripted upstream's log what crossed the gateway: the provider's key injected in the protocol's
 * own header, the client's token never forwarded, and every scripted answer taken.
 *
 * <p>Needs {@code node} (20+) on the PATH and {@code npm ci --prefix e2e} once.
 */
class OfficialSdkTest {
    private static final long NODE_TIMEOUT_SECONDS = 300;
    /** Vendor variables the SDKs would read from the environment; none may leak into the run. */
    private static final List<String> VENDOR_ENV = List.of("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL",
            "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "GEMINI_API_KEY", "GOOGLE_API_KEY",
            "GOOGLE_GEMINI_BASE_URL", "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_LOCATION",
            "NODE_OPTIONS", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy");
    /** The wrong token the SDK tests send ({@code WRONG_TOKEN} in sdk/support/gateway.mjs). */
    private static final String WRONG_TOKEN = "lg_e2e-wrong-token-this-gateway-never-issued";

    /** The usage the SDK tests script ({@code USAGE} in sdk/support/gateway.mjs), as the gateway normalises it per protocol. */
    private static final Usage ANTHROPIC_USAGE = new Usage(1200, 345, 1000, 40, 0, false);
    private static final Usage OPENAI_GEMINI_USAGE = new Usage(1200, 345, 1000, 0, 45, false);

    private static TestGateway gateway;
    private static TestGateway.Token token;

    @BeforeAll
    static void start() throws Exception {
        // One endpoint on an upstream that speaks only Gemini: Cursor's shape through the translation lane.
        gateway = TestGateway.start("", "  - {name: e2e-cursor-on-gemini, destinations: [{provider: only-gemini, model: gemini-2.5-flash}]}\n",
                "  - {name: only-gemini, type: scripted, protocols: [gemini]}\n");
        token = gateway.createToken("official SDK e2e", null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    static Stream<String> sdkTests() throws IOException {
        try (Stream<Path> files = Files.list(moduleDir().resolve("sdk"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test.mjs")).sorted().toList();
            assertThat(names).as("SDK test files in e2e/sdk").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkTests")
    void sdk(String file) throws Exception {
        Path module = moduleDir();
        if (!Files.isDirectory(module.resolve("node_modules"))) {
            fail("e2e/node_modules is missing: run 'npm ci --prefix e2e' from the repository root (Node 20+), then rerun");
        }
        gateway.scripted().clearScripts();
        int before = gateway.scripted().requests().size();
        int recordsBefore = gateway.settledRecords().size();

        int exit = runNode(module, file);

        List<ReceivedRequest> all = gateway.scripted().requests();
        List<ReceivedRequest> received = all.subList(before, all.size());
        List<RequestRecord> records = gateway.settledRecords();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(exit).as("node --test sdk/%s exit code (its output is in the test log above)", file).isZero();
        softly.assertThat(received).as("requests %s made the scripted upstream receive", file).isNotEmpty();
        // Checked even when a JS test failed: a leaked credential must never go unreported.
        received.forEach(r -> softly.check(() -> assertCredentials(r)));
        if (exit == 0) {
            softly.assertThat(gateway.scripted().pendingScripts()).as("scripted answers %s queued but no request took", file).isZero();
            softly.check(() -> assertRecordedUsage(file, records.subList(recordsBefore, records.size())));
        }
        softly.assertAll();
    }

    /**
     * What the gateway recorded for the usage table: no request failed inside the gateway, and the scripted
     * token counts were read from unary answers and from streams alike, cache and reasoning parts included.
     */
    private static void assertRecordedUsage(String file, List<RequestRecord> records) {
        assertThat(records).as("request records for %s", file).isNotEmpty();
        assertThat(records).as("requests of %s that the gateway answered with a 5xx", file)
                .noneSatisfy(r -> assertThat(r.statusCode()).isGreaterThanOrEqualTo(500));
        List<RequestRecord> scripted = records.stream()
                .filter(r -> r.usage().inputTokens() == 1200 || r.usage().outputTokens() == 345)
                .toList();
        for (RequestRecord r : scripted) {
            Usage expected = r.apiType().startsWith("anthropic") ? ANTHROPIC_USAGE : OPENAI_GEMINI_USAGE;
            assertThat(r.usage()).as("usage recorded for %s %s (streaming %s)", r.apiType(), r.requestId(), r.streaming()).isEqualTo(expected);
        }
        assertThat(scripted).as("%s: records with the scripted usage from a unary answer", file).anyMatch(r -> !r.streaming());
        assertThat(scripted).as("%s: records with the scripted usage from a stream", file).anyMatch(RequestRecord::streaming);
    }

    /** The provider key in the protocol's header, and no trace of any client credential anywhere in the request. */
    private static void assertCredentials(ReceivedRequest r) {
        String what = r.method() + " " + r.path() + " (#" + r.seq() + ")";
        Map.Entry<String, String> expected = injectedHeader(r.path());
        assertThat(r.header(expected.getKey())).as("%s: header %s injected by the gateway", what, expected.getKey())
                .isEqualTo(expected.getValue());
        for (String secret : List.of(token.secret(), WRONG_TOKEN, gateway.adminToken())) {
            r.headers().forEach((name, values) -> assertThat(values)
                    .as("%s: header %s must not carry a client credential", what, name)
                    .noneSatisfy(v -> assertThat(v).contains(secret)));
            assertThat(r.query() == null ? "" : r.query()).as("%s: query string", what).doesNotContain(secret);
            assertThat(r.bodyText()).as("%s: body", what).doesNotContain(secret);
        }
        for (String other : List.of("authorization", "x-api-key", "x-goog-api-key")) {
            if (!other.equals(expected.getKey())) {
                assertThat(r.header(other)).as("%s: no %s header beside the protocol's own", what, other).isNull();
            }
        }
    }

    private static Map.Entry<String, String> injectedHeader(String path) {
        if (path.startsWith("/v1/messages")) {
            return Map.entry("x-api-key", ScriptedCredential.KEY);
        }
        if (path.startsWith("/v1/chat/completions") || path.startsWith("/v1/responses") || path.startsWith("/v1/models")) {
            return Map.entry("authorization", "Bearer " + ScriptedCredential.KEY);
        }
        if (path.startsWith("/v1beta/") || path.startsWith("/v1/models/")) {
            return Map.entry("x-goog-api-key", ScriptedCredential.KEY);
        }
        throw new AssertionError("the scripted upstream received an unexpected path: " + path);
    }

    private static int runNode(Path module, String file) throws Exception {
        List<String> command = List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec", "sdk/" + file);
        ProcessBuilder pb = new ProcessBuilder(command).directory(module.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        VENDOR_ENV.forEach(env::remove);
        env.put("LAKEGATE_URL", gateway.baseUrl().toString());
        env.put("LAKEGATE_TOKEN", token.secret());
        env.put("SCRIPTED_URL", gateway.scripted().baseUrl());
        env.put("NO_COLOR", "1");
        System.out.println("[" + file + "] " + String.join(" ", command) + "  (in " + module + ")");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("Cannot run 'node' (Node 20+ must be on the PATH): " + e.getMessage(), e);
        }
        Thread pump = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[" + file + "] " + line);
                }
            } catch (IOException e) {
                System.out.println("[" + file + "] (output ended: " + e.getMessage() + ")");
            }
        });
        if (!process.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            pump.join(5_000);
            throw new AssertionError("node --test sdk/" + file + " did not finish within " + NODE_TIMEOUT_SECONDS + " s");
        }
        pump.join(10_000);
        return process.exitValue();
    }

    /** The e2e module directory (Surefire runs in it; from the repository root it is ./e2e). */
    static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(here, here.resolve("e2e"))) {
            if (Files.isRegularFile(candidate.resolve("package.json")) && Files.isDirectory(candidate.resolve("sdk"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find the e2e module (package.json and sdk/) from " + here);
    }
}
