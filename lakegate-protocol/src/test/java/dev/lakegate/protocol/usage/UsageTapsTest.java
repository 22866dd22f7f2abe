package dev.lakegate.protocol.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class UsageTapsTest {

    static Stream<Arguments> goldens() {
        return Stream.of(
                golden(WireProtocol.ANTHROPIC, Framing.SSE, "anthropic/usage-tap/stream-text.sse", usage(85321, 12, 0, 0, 0)),
                golden(WireProtocol.ANTHROPIC, Framing.SSE, "anthropic/usage-tap/stream-tool.sse", usage(86012, 12, 0, 0, 0)),
                // input = 3 uncached + 80110 cache reads + 2051 cache writes
                golden(WireProtocol.ANTHROPIC, Framing.SSE, "anthropic/usage-tap/stream-cached.sse", usage(82164, 503, 80110, 2051, 0)),
                golden(WireProtocol.ANTHROPIC, Framing.JSON, "anthropic/usage-tap/message.json", usage(3148, 9, 1000, 100, 0)),
                // what the Anthropic writers send back: 150 cache writes, 50 of them for one hour
                golden(WireProtocol.ANTHROPIC, Framing.SSE, "anthropic/response/usage.sse", new Usage(1000, 5, 800, 150, 50, 0, false)),
                golden(WireProtocol.ANTHROPIC, Framing.JSON, "anthropic/response/usage.json", new Usage(1000, 5, 800, 150, 50, 0, false)),
                golden(WireProtocol.OPENAI_RESPONSES, Framing.SSE, "openai/responses/usage-tap/stream-text.sse", usage(40213, 12, 0, 0, 0)),
                golden(WireProtocol.OPENAI_RESPONSES, Framing.SSE, "openai/responses/usage-tap/stream-cached.sse", usage(41877, 611, 39936, 0, 448)),
                golden(WireProtocol.OPENAI_RESPONSES, Framing.SSE, "openai/responses/usage-tap/stream-incomplete.sse", usage(900, 64, 0, 0, 64)),
                golden(WireProtocol.OPENAI_RESPONSES, Framing.JSON, "openai/responses/usage-tap/response.json", usage(1200, 80, 1024, 0, 50)),
                golden(WireProtocol.OPENAI_CHAT, Framing.SSE, "openai/chat/usage-tap/stream-text.sse", usage(1830, 12, 0, 0, 0)),
                golden(WireProtocol.OPENAI_CHAT, Framing.SSE, "openai/chat/usage-tap/stream-cached.sse", usage(2006, 150, 1920, 0, 64)),
                golden(WireProtocol.OPENAI_CHAT, Framing.JSON, "openai/chat/usage-tap/completion.json", usage(19, 10, 0, 0, 0)),
                golden(WireProtocol.GEMINI, Framing.SSE, "gemini/usage-tap/stream-text.sse", usage(9611, 12, 0, 0, 0)),
                // input = 4000 prompt (2048 of it cached) + 30 tool-use prompt; output = 100 candidates + 250 thoughts
                golden(WireProtocol.GEMINI, Framing.SSE, "gemini/usage-tap/stream-thinking.sse", usage(4030, 350, 2048, 0, 250)),
                golden(WireProtocol.GEMINI, Framing.JSON_ARRAY, "gemini/usage-tap/stream.json", usage(4030, 350, 2048, 0, 250)),
                golden(WireProtocol.GEMINI, Framing.JSON, "gemini/usage-tap/generate.json", usage(9611, 12, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("goldens")
    void readsUsageFedWhole(WireProtocol protocol, Framing framing, String resource, Usage expected) {
        assertThat(tap(protocol, framing, bytes(resource), Integer.MAX_VALUE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("goldens")
    void readsUsageFedByteByByte(WireProtocol protocol, Framing framing, String resource, Usage expected) {
        assertThat(tap(protocol, framing, bytes(resource), 1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("goldens")
    void readsUsageFromRandomChunksOfAReusedBuffer(WireProtocol protocol, Framing framing, String resource, Usage expected) {
        byte[] body = bytes(resource);
        Random random = new Random(resource.hashCode());
        for (int round = 0; round < 20; round++) {
            UsageTap tap = UsageTaps.forResponse(protocol, framing);
            byte[] scratch = new byte[64]; // as a relay loop does: the tap must not keep a reference to it
            int at = 0;
            while (at < body.length) {
                int n = Math.min(body.length - at, random.nextInt(scratch.length + 1));
                System.arraycopy(body, at, scratch, 0, n);
                tap.onBytes(scratch, 0, n);
                Arrays.fill(scratch, (byte) '}');
                at += n;
            }
            assertThat(tap.finish()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("goldens")
    void everyTruncationYieldsAnEarlierReportWithoutThrowing(WireProtocol protocol, Framing framing, String resource, Usage expected) {
        byte[] body = bytes(resource);
        for (int cut = 0; cut < body.length; cut++) {
            Usage u = tap(protocol, framing, Arrays.copyOf(body, cut), Integer.MAX_VALUE);
            assertThat(u.inputTokens()).as("cut at %d", cut).isLessThanOrEqualTo(expected.inputTokens());
            assertThat(u.outputTokens()).as("cut at %d", cut).isLessThanOrEqualTo(expected.outputTokens());
        }
    }

    @Test
    void anthropicStreamCutBeforeMessageDeltaKeepsMessageStartUsage() {
        String stream = text("anthropic/usage-tap/stream-text.sse");
        String cut = stream.substring(0, stream.indexOf("event: message_delta"));
        assertThat(tap(WireProtocol.ANTHROPIC, Framing.SSE, cut)).isEqualTo(usage(85321, 1, 0, 0, 0));
        String midEvent = stream.substring(0, stream.indexOf("\"output_tokens\":12"));
        assertThat(tap(WireProtocol.ANTHROPIC, Framing.SSE, midEvent)).isEqualTo(usage(85321, 1, 0, 0, 0));
    }

    @Test
    void anthropicMessageDeltaUpdatesOnlyTheFieldsItCarries() {
        String stream = """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":10,"cache_read_input_tokens":500,"cache_creation_input_tokens":40,"output_tokens":1}}}

                event: message_delta
                data: {"type":"message_delta","usage":{"output_tokens":77}}

                event: message_delta
                data: {"type":"message_delta","usage":{"input_tokens":12,"cache_read_input_tokens":null,"output_tokens":80}}
                """;
        assertThat(tap(WireProtocol.ANTHROPIC, Framing.SSE, stream)).isEqualTo(usage(552, 80, 500, 40, 0));
    }

    @Test
    void anthropicCacheWritesKeepTheirOneHourPart() {
        Usage split = tap(WireProtocol.ANTHROPIC, Framing.JSON, "{\"usage\":{\"input_tokens\":3,\"cache_creation_input_tokens\":2100,"
                + "\"cache_read_input_tokens\":80000,\"cache_creation\":{\"ephemeral_5m_input_tokens\":100,\"ephemeral_1h_input_tokens\":2000},"
                + "\"output_tokens\":9}}");
        assertThat(split).isEqualTo(new Usage(82103, 9, 80000, 2100, 2000, 0, false));
        assertThat(split.cacheCreation5mTokens()).isEqualTo(100);
        Usage splitOnly = tap(WireProtocol.ANTHROPIC, Framing.JSON,
                "{\"usage\":{\"input_tokens\":3,\"cache_creation\":{\"ephemeral_5m_input_tokens\":10,\"ephemeral_1h_input_tokens\":20}}}");
        assertThat(splitOnly).as("the total follows from the split").isEqualTo(new Usage(33, 0, 0, 30, 20, 0, false));
        assertThat(tap(WireProtocol.ANTHROPIC, Framing.JSON, "{\"usage\":{\"input_tokens\":3,\"cache_creation_input_tokens\":40}}")
                .cacheCreation5mTokens()).as("writes without a split are 5-minute ones").isEqualTo(40);
    }

    @Test
    void eventsThatCannotCarryUsageAreIgnoredEvenIfTheyMentionIt() {
        String stream = """
                event: message_start
                data: {"type":"message_start","message":{"usage":{"input_tokens":10,"output_tokens":1}}}

                event: content_block_delta
                data: {"type":"content_block_delta","usage":{"input_tokens":999999,"output_tokens":999999}}

                event: message_delta
                data: {"type":"message_delta","usage":{"output_tokens":5}}

                """;
        assertThat(tap(WireProtocol.ANTHROPIC, Framing.SSE, stream)).isEqualTo(usage(10, 5, 0, 0, 0));
        String responses = """
                event: response.created
                data: {"type":"response.created","response":{"usage":{"input_tokens":1,"output_tokens":1}}}

                event: response.failed
                data: {"type":"response.failed","response":{"status":"failed","usage":{"input_tokens":300,"output_tokens":7}}}

                """;
        assertThat(tap(WireProtocol.OPENAI_RESPONSES, Framing.SSE, responses)).isEqualTo(usage(300, 7, 0, 0, 0));
    }

    @Test
    void usageNestedElsewhereIsNotCounted() {
        String chunk = "data: {\"choices\":[{\"delta\":{\"usage\":{\"prompt_tokens\":5}}}],\"meta\":{\"usage\":{\"prompt_tokens\":6}}}\n\n";
        assertThat(tap(WireProtocol.OPENAI_CHAT, Framing.SSE, chunk)).isEqualTo(Usage.NONE);
        String body = "{\"message\":{\"usage\":{\"input_tokens\":5}}}"; // "message" holds usage only for Anthropic
        assertThat(tap(WireProtocol.OPENAI_RESPONSES, Framing.JSON, body)).isEqualTo(Usage.NONE);
        assertThat(tap(WireProtocol.ANTHROPIC, Framing.JSON, body)).isEqualTo(usage(5, 0, 0, 0, 0));
    }

    @Test
    void geminiLastChunkWinsWhole() {
        String stream = """
                data: {"usageMetadata":{"promptTokenCount":100,"thoughtsTokenCount":40,"cachedContentTokenCount":64}}

                data: {"usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":7}}

                """;
        assertThat(tap(WireProtocol.GEMINI, Framing.SSE, stream)).isEqualTo(usage(100, 7, 0, 0, 0));
    }

    @Test
    void geminiArrayCutMidElementKeepsTheFirstElement() {
        String array = text("gemini/usage-tap/stream.json");
        String cut = array.substring(0, array.lastIndexOf("\"candidatesTokenCount\""));
        assertThat(tap(WireProtocol.GEMINI, Framing.JSON_ARRAY, cut)).isEqualTo(usage(4000, 0, 0, 0, 0));
    }

    @Test
    void responsesOrChatStreamsCutBeforeTheirUsageReportNone() {
        String responses = text("openai/responses/usage-tap/stream-text.sse");
        assertThat(tap(WireProtocol.OPENAI_RESPONSES, Framing.SSE, responses.substring(0, responses.indexOf("event: response.completed"))))
                .isEqualTo(Usage.NONE);
        String chat = text("openai/chat/usage-tap/stream-text.sse");
        assertThat(tap(WireProtocol.OPENAI_CHAT, Framing.SSE, chat.substring(0, chat.indexOf("\"choices\":[]")))).isEqualTo(Usage.NONE);
    }

    @ParameterizedTest
    @EnumSource(WireProtocol.class)
    void garbageNeverThrows(WireProtocol protocol) {
        Random random = new Random(protocol.ordinal());
        for (Framing framing : Framing.values()) {
            for (int round = 0; round < 50; round++) {
                byte[] junk = new byte[random.nextInt(4096)];
                random.nextBytes(junk);
                assertThatCode(() -> tap(protocol, framing, junk, 1 + random.nextInt(300))).doesNotThrowAnyException();
            }
        }
    }

    static Stream<String> hostileBodies() {
        return Stream.of(
                "{\"usage\":{\"prompt_tokens\":123456789012345678901234567890,\"completion_tokens\":-5}}",
                "{\"usage\":{\"prompt_tokens\":1e400,\"completion_tokens\":2.9}}",
                "{\"usage\":{\"prompt_tokens\":\"12\",\"completion_tokens\":[1,2],\"prompt_tokens_details\":{\"cached_tokens\":{\"x\":1}}}}",
                "{\"usage\":[{\"prompt_tokens\":3}]}",
                "{\"usage\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "[".repeat(100_000),
                "{\"usage\":{\"prompt_tokens\":1}}{\"usage\":{\"prompt_tokens\":2}} trailing garbage",
                "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}",
                "\u0000\u0001{\"usage\":{}}",
                "");
    }

    @ParameterizedTest
    @MethodSource("hostileBodies")
    void hostileJsonNeverThrowsOnAnySurface(String body) {
        for (WireProtocol protocol : WireProtocol.values()) {
            for (Framing framing : Framing.values()) {
                String wire = framing == Framing.SSE ? "data: " + body + "\n\n" : body;
                assertThatCode(() -> tap(protocol, framing, wire.getBytes(StandardCharsets.UTF_8), 7)).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void hostileNumbersSaturateOrClampInsteadOfWrapping() {
        Usage big = tap(WireProtocol.OPENAI_CHAT, Framing.JSON,
                "{\"usage\":{\"prompt_tokens\":123456789012345678901234567890,\"completion_tokens\":-5,\"prompt_tokens_details\":{\"cached_tokens\":2.9}}}");
        assertThat(big).isEqualTo(usage(Long.MAX_VALUE, 0, 2, 0, 0));
        Usage sum = tap(WireProtocol.ANTHROPIC, Framing.JSON,
                "{\"usage\":{\"input_tokens\":9223372036854775807,\"cache_read_input_tokens\":9223372036854775807}}");
        assertThat(sum.inputTokens()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void usageBeforeMalformedTailIsKept() {
        assertThat(tap(WireProtocol.OPENAI_CHAT, Framing.JSON, "{\"usage\":{\"prompt_tokens\":1}}{\"usage\":{\"prompt_tokens\":2}} trailing garbage"))
                .isEqualTo(usage(2, 0, 0, 0, 0));
        assertThat(tap(WireProtocol.OPENAI_CHAT, Framing.SSE, "data: {\"usage\":{\"prompt_tokens\":4}}\n\ndata: {\"usage\":\n\n"))
                .isEqualTo(usage(4, 0, 0, 0, 0));
    }

    @Test
    void jsonStringsOverTheLimitStopParsingWithBoundedMemory() {
        String huge = "x".repeat(200_000);
        String usageLast = "{\"choices\":[{\"message\":{\"content\":\"" + huge + "\"}}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1}}";
        assertThat(tap(WireProtocol.OPENAI_CHAT, Framing.JSON, usageLast.getBytes(StandardCharsets.UTF_8), 4096, 1024)).isEqualTo(Usage.NONE);
        String usageFirst = "{\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1},\"choices\":[{\"message\":{\"content\":\"" + huge + "\"}}]}";
        assertThat(tap(WireProtocol.OPENAI_CHAT, Framing.JSON, usageFirst.getBytes(StandardCharsets.UTF_8), 4096, 1024))
                .isEqualTo(usage(9, 1, 0, 0, 0));
        // within the limit, a long body is fine
        assertThat(tap(WireProtocol.OPENAI_CHAT, Framing.JSON, usageLast.getBytes(StandardCharsets.UTF_8), 4096, UsageTaps.DEFAULT_MAX_BYTES))
                .isEqualTo(usage(9, 1, 0, 0, 0));
    }

    @Test
    void oversizedSseEventsAreSkippedAndLaterUsageIsRead() {
        String stream = "data: {\"choices\":[{\"delta\":{\"content\":\"" + "y".repeat(10_000) + "\"}}],\"usage\":null}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":3}}\n\ndata: [DONE]\n\n";
        assertThat(tap(WireProtocol.OPENAI_CHAT, Framing.SSE, stream.getBytes(StandardCharsets.UTF_8), 512, 1024)).isEqualTo(usage(8, 3, 0, 0, 0));
    }

    @Test
    void sseBodyMistakenForJsonReportsNone() {
        assertThat(tap(WireProtocol.OPENAI_CHAT, Framing.JSON, text("openai/chat/usage-tap/stream-text.sse"))).isEqualTo(Usage.NONE);
    }

    @Test
    void finishIsStableAndLateBytesAreIgnored() {
        UsageTap tap = UsageTaps.forResponse(WireProtocol.GEMINI, Framing.SSE);
        tap.onBytes(bytes("gemini/usage-tap/stream-text.sse"), 0, bytes("gemini/usage-tap/stream-text.sse").length);
        Usage first = tap.finish();
        byte[] late = "data: {\"usageMetadata\":{\"promptTokenCount\":1}}\n\n".getBytes(StandardCharsets.UTF_8);
        tap.onBytes(late, 0, late.length);
        assertThat(tap.finish()).isEqualTo(first).isEqualTo(usage(9611, 12, 0, 0, 0));
        assertThat(UsageTaps.forResponse(WireProtocol.ANTHROPIC, Framing.JSON).finish()).isEqualTo(Usage.NONE);
    }

    private static Arguments golden(WireProtocol p, Framing f, String resource, Usage expected) {
        return Arguments.of(p, f, resource, expected);
    }

    private static Usage usage(long in, long out, long cacheRead, long cacheWrite, long reasoning) {
        return new Usage(in, out, cacheRead, cacheWrite, reasoning, false);
    }

    private static Usage tap(WireProtocol p, Framing f, String body) {
        return tap(p, f, body.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
    }

    private static Usage tap(WireProtocol p, Framing f, byte[] body, int chunk) {
        return tap(p, f, body, chunk, UsageTaps.DEFAULT_MAX_BYTES);
    }

    private static Usage tap(WireProtocol p, Framing f, byte[] body, int chunk, int maxBytes) {
        UsageTap tap = UsageTaps.forResponse(p, f, maxBytes);
        for (int i = 0; i < body.length; i += chunk) {
            tap.onBytes(body, i, Math.min(chunk, body.length - i));
        }
        return tap.finish();
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = UsageTapsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
