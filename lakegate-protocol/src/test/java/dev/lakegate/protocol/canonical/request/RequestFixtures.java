package dev.lakegate.protocol.canonical.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Request bodies under {@code src/test/resources/<protocol>/request/} and JSON comparison for the codec tests. */
public final class RequestFixtures {
    /** One source fixture per protocol and scenario; the scenario names are the file names. */
    public static final List<String> SCENARIOS = List.of("conversation", "image", "tools", "tool-choice", "reasoning", "json");

    public static final List<String> CAPTURED = List.of(
            "anthropic/request/captured/claude-code-text.json", "anthropic/request/captured/claude-code-title.json",
            "anthropic/request/captured/claude-code-tool-result.json", "anthropic/request/captured/claude-code-sonnet.json",
            "openai/responses/request/captured/codex-text.json", "openai/responses/request/captured/codex-tool-result.json",
            "openai/responses/request/captured/codex-gpt-5.5.json", "gemini/request/captured/gemini-cli-text.json",
            "gemini/request/captured/gemini-cli-tool-result.json", "gemini/request/captured/gemini-cli-2.5-flash.json");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Numbers compare by value: a codec may write Gemini's {@code "temperature": 1} as {@code 1.0}. */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> a.equals(b) || a.isNumber() && b.isNumber() && a.doubleValue() == b.doubleValue() ? 0 : 1;

    private RequestFixtures() {}

    public static String dir(WireProtocol protocol) {
        return switch (protocol) {
            case ANTHROPIC -> "anthropic/request/";
            case OPENAI_CHAT -> "openai/chat/request/";
            case OPENAI_RESPONSES -> "openai/responses/request/";
            case GEMINI -> "gemini/request/";
        };
    }

    public static WireProtocol protocolOf(String resource) {
        return resource.startsWith("anthropic/") ? WireProtocol.ANTHROPIC
                : resource.startsWith("openai/chat/") ? WireProtocol.OPENAI_CHAT
                : resource.startsWith("openai/responses/") ? WireProtocol.OPENAI_RESPONSES : WireProtocol.GEMINI;
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = RequestFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("Missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CanonicalRequest decode(String resource) {
        return RequestCodec.of(protocolOf(resource)).decode(bytes(resource));
    }

    public static CanonicalRequest scenario(WireProtocol protocol, String scenario) {
        return decode(dir(protocol) + scenario + ".json");
    }

    public static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String json) {
        return tree(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The encoded body as a tree, for assertions on single fields. */
    public static JsonNode encode(CanonicalRequest request, WireProtocol target) {
        return tree(RequestCodec.of(target).encode(request, "upstream-model"));
    }

    /** The message of the INVALID_REQUEST error {@code decode} throws; fails when it throws none or another. */
    public static String invalidRequest(Runnable decode) {
        try {
            decode.run();
        } catch (GatewayException e) {
            assertThat(e.error().category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
            return e.getMessage();
        }
        throw new AssertionError("expected an INVALID_REQUEST GatewayException");
    }

    /** Equal JSON: objects ignore key order, arrays do not, numbers compare by value; failures list the differing paths. */
    public static void assertSameJson(byte[] expected, byte[] actual) {
        JsonNode e = tree(expected);
        JsonNode a = tree(actual);
        if (!e.equals(NUMERIC, a)) {
            List<String> diffs = new ArrayList<>();
            diff("$", e, a, diffs);
            assertThat(diffs).as("JSON differences (expected <> actual)").isEmpty();
        }
    }

    private static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
        if (out.size() >= 20) {
            return;
        }
        if (e != null && a != null && e.isObject() && a.isObject()) {
            Set<String> keys = new TreeSet<>();
            e.fieldNames().forEachRemaining(keys::add);
            a.fieldNames().forEachRemaining(keys::add);
            keys.forEach(k -> diff(path + "." + k, e.get(k), a.get(k), out));
        } else if (e != null && a != null && e.isArray() && a.isArray() && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                diff(path + "[" + i + "]", e.get(i), a.get(i), out);
            }
        } else if (e == null || a == null || !e.equals(NUMERIC, a)) {
            out.add(path + ": " + clip(e) + " <> " + clip(a));
        }
    }

    private static String clip(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
