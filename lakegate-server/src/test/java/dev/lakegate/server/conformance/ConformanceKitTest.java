package dev.lakegate.server.conformance;

import static dev.lakegate.server.conformance.KitAssertions.assertAgree;
import static dev.lakegate.server.conformance.KitAssertions.assertCalls;
import static dev.lakegate.server.conformance.KitAssertions.assertError;
import static dev.lakegate.server.conformance.KitAssertions.assertOneInStreamErrorAtTheEnd;
import static dev.lakegate.server.conformance.KitAssertions.assertPairedResults;
import static dev.lakegate.server.conformance.KitAssertions.assertStop;
import static dev.lakegate.server.conformance.KitAssertions.followUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.conformance.KitClient.Both;
import dev.lakegate.server.conformance.KitRequest.Image;
import dev.lakegate.server.conformance.KitRequest.ToolDef;
import dev.lakegate.server.conformance.UpstreamView.Msg;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.provider.scripted.Script;
import dev.lakegate.server.provider.scripted.Script.ToolCall;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance kit (DESIGN "Testing layout"): every client protocol in front of every upstream
 * protocol (16 pairs, 4 of them passthrough) runs the same cases through one real gateway with the
 * scripted model upstream. Each case runs unary and streaming and both must read back, with the client
 * protocol's own reader, as the same canonical answer; each also checks what the upstream received.
 * Where a pair cannot express something, {@link Behavior} says so and the case asserts the fallback.
 */
class ConformanceKitTest {
    private static final JsonNode CITY_SCHEMA = Json.parse(
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}", "schema");
    private static final ToolDef WEATHER = new ToolDef("get_weather", "Current weather in a city", CITY_SCHEMA);
    private static final ToolDef TIME = new ToolDef("get_time", "Local time in a city", CITY_SCHEMA);
    /** A 1×1 PNG. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    private static final String IMAGE_URL = "https://example.com/images/cat.png";

    private static KitGateway gateway;
    private static KitClient kit;

    @BeforeAll
    static void start() throws Exception {
        gateway = KitGateway.start();
        kit = new KitClient(gateway);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void noLeftoverScripts() {
        gateway.scripted().clearScripts();
    }

    static List<Pair> pairs() {
        return Pair.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void plainText(Pair pair) throws Exception {
        Both both = kit.both(stream -> kit.call(pair, KitRequest.user("Say hello."), stream, Script.text("Hello there!")));
        assertAgree(both);
        for (Round r : both.rounds()) {
            assertThat(r.ok().text()).as("%s text", r).isEqualTo("Hello there!");
            assertThat(r.ok().calls()).as("%s tool calls", r).isEmpty();
            assertStop(r, StopReason.END_TURN);
            assertThat(r.upstream().conversation()).as("%s upstream conversation", r).containsExactly(new Msg("user", "Say hello."));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void multiTurn(Pair pair) throws Exception {
        KitRequest request = KitRequest.of(new KitRequest.User("My name is Ada.", null), new KitRequest.Assistant("Nice to meet you, Ada."),
                new KitRequest.User("What is my name?", null));
        Both both = kit.both(stream -> kit.call(pair, request, stream, Script.text("Your name is Ada.")));
        assertAgree(both);
        for (Round r : both.rounds()) {
            assertThat(r.ok().text()).as("%s text", r).isEqualTo("Your name is Ada.");
            assertThat(r.upstream().conversation()).as("%s upstream conversation", r).containsExactly(
                    new Msg("user", "My name is Ada."), new Msg("assistant", "Nice to meet you, Ada."), new Msg("user", "What is my name?"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void systemPrompt(Pair pair) throws Exception {
        String system = "You are a terse assistant. Answer in one word.";
        Both both = kit.both(stream -> kit.call(pair, KitRequest.user("Hi!").withSystem(system), stream, Script.text("Hello.")));
        assertAgree(both);
        for (Round r : both.rounds()) {
            assertThat(r.upstream().systemText()).as("%s upstream system prompt", r).isEqualTo(system);
            assertThat(r.upstream().conversation()).as("%s upstream conversation (no system text in it)", r).containsExactly(new Msg("user", "Hi!"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void toolRoundTrip(Pair pair) throws Exception {
        KitRequest ask = KitRequest.user("What's the weather in Paris?").withTools(WEATHER, TIME);
        Both first = kit.both(stream -> kit.call(pair, ask, stream, Script.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}"))));
        assertAgree(first);
        for (Round r : first.rounds()) {
            assertCalls(r, "get_weather", "Paris");
            assertStop(r, StopReason.TOOL_USE);
            assertThat(r.upstream().toolNames()).as("%s upstream tools", r).containsExactly("get_weather", "get_time");
        }
        Both second = kit.both(stream -> kit.call(pair, followUp(pair, ask, stream ? first.streamed() : first.unary()), stream,
                Script.text("It is 18°C and sunny in Paris.")));
        assertAgree(second);
        for (Round r : second.rounds()) {
            assertThat(r.ok().text()).as("%s text", r).isEqualTo("It is 18°C and sunny in Paris.");
            assertStop(r, StopReason.END_TURN);
            assertPairedResults(r, "Paris");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void parallelToolCalls(Pair pair) throws Exception {
        KitRequest ask = KitRequest.user("Weather in Paris and in Tokyo?").withTools(WEATHER, TIME);
        Script twoCalls = Script.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}"), ToolCall.of("get_weather", "{\"city\":\"Tokyo\"}"));
        Both first = kit.both(stream -> kit.call(pair, ask, stream, twoCalls));
        assertAgree(first);
        for (Round r : first.rounds()) {
            assertCalls(r, "get_weather", "Paris", "Tokyo");
            assertStop(r, StopReason.TOOL_USE);
        }
        Both second = kit.both(stream -> kit.call(pair, followUp(pair, ask, stream ? first.streamed() : first.unary()), stream,
                Script.text("Paris is sunny, Tokyo is humid.")));
        assertAgree(second);
        for (Round r : second.rounds()) {
            assertThat(r.ok().text()).as("%s text", r).isEqualTo("Paris is sunny, Tokyo is humid.");
            assertPairedResults(r, "Paris", "Tokyo");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void toolChoice(Pair pair) throws Exception {
        KitRequest ask = KitRequest.user("What time is it in Paris?").withTools(WEATHER, TIME).forcing("get_time");
        Both both = kit.both(stream -> kit.call(pair, ask, stream, Script.toolCalls(ToolCall.of("get_time", "{\"city\":\"Paris\"}"))));
        assertAgree(both);
        for (Round r : both.rounds()) {
            assertCalls(r, "get_time", "Paris");
            assertThat(r.upstream().forcedTool()).as("%s upstream forced tool: %s", r, r.upstream()).isEqualTo("get_time");
            assertThat(r.upstream().toolNames()).as("%s upstream tools", r).containsExactly("get_weather", "get_time");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void imageBase64(Pair pair) throws Exception {
        KitRequest request = KitRequest.of(new KitRequest.User("What is in this image?", Image.inline("image/png", PNG)));
        Both both = kit.both(stream -> kit.call(pair, request, stream, Script.text("A single pixel.")));
        assertAgree(both);
        for (Round r : both.rounds()) {
            assertThat(r.upstream().images()).as("%s upstream images", r).containsExactly(new UpstreamView.Img("image/png", PNG, null));
            assertThat(r.upstream().conversation()).as("%s upstream conversation", r).containsExactly(new Msg("user", "What is in this image?"));
        }
    }

    /** Every protocol can reference an image by URL ({@link Behavior#IMAGE_URL}); Gemini as fileData with the media type it requires. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void imageUrl(Pair pair) throws Exception {
        assertThat(pair.supports(Behavior.IMAGE_URL)).as("capability table: a protocol without image URLs needs its fallback asserted here").isTrue();
        KitRequest request = KitRequest.of(new KitRequest.User("What is in this image?", Image.at("image/png", IMAGE_URL)));
        Both both = kit.both(stream -> kit.call(pair, request, stream, Script.text("A cat.")));
        assertAgree(both);
        for (Round r : both.rounds()) {
            assertThat(r.upstream().images()).as("%s upstream images", r).extracting(UpstreamView.Img::url, UpstreamView.Img::base64)
                    .containsExactly(tuple(IMAGE_URL, null));
            if (pair.upstream() == WireProtocol.GEMINI) {
                assertThat(r.upstream().images().getFirst().mediaType()).as("%s Gemini fileData.mimeType", r).isEqualTo("image/png");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void thinking(Pair pair) throws Exception {
        KitRequest ask = KitRequest.user("What is 6 times 7?").withReasoning().withMaxTokens(8192);
        Both both = kit.both(stream -> kit.call(pair, ask, stream, Script.text("42").withThinking("Six sevens are forty-two.", "sig-kit-1")));
        assertAgree(both);
        String shown = pair.supports(Behavior.THINKING_TEXT) ? "Six sevens are forty-two." : null;
        for (Round r : both.rounds()) {
            assertThat(r.ok().text()).as("%s text", r).isEqualTo("42");
            assertThat(r.ok().thinking()).as("%s thinking text (capability THINKING_TEXT: %s)", r, pair.supports(Behavior.THINKING_TEXT)).isEqualTo(shown);
            assertThat(r.upstream().reasoning()).as("%s upstream reasoning: %s", r, r.upstream()).isEqualTo(r.upstream().lowReasoning());
            assertThat(r.upstream().maxTokens()).as("%s upstream max tokens", r).isEqualTo(8192);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void stopSequence(Pair pair) throws Exception {
        KitRequest ask = KitRequest.user("Count to ten.").withStopSequences("7");
        Both both = kit.both(stream -> kit.call(pair, ask, stream, Script.text("1 2 3 4 5 6 ").withStopReason(StopReason.STOP_SEQUENCE)));
        assertAgree(both);
        List<String> reaching = pair.supports(Behavior.STOP_SEQUENCES) ? List.of("7") : List.of();
        StopReason stop = pair.supports(Behavior.STOP_SEQUENCE_REASON) ? StopReason.STOP_SEQUENCE : StopReason.END_TURN;
        for (Round r : both.rounds()) {
            assertThat(r.upstream().stopSequences()).as("%s upstream stop sequences (capability STOP_SEQUENCES: %s)", r,
                    pair.supports(Behavior.STOP_SEQUENCES)).isEqualTo(reaching);
            assertStop(r, stop);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void maxTokensHit(Pair pair) throws Exception {
        KitRequest ask = KitRequest.user("Write a long story.").withMaxTokens(16);
        Both both = kit.both(stream -> kit.call(pair, ask, stream, Script.text("Once upon a time").withStopReason(StopReason.MAX_TOKENS)));
        assertAgree(both);
        for (Round r : both.rounds()) {
            assertThat(r.ok().text()).as("%s text", r).isEqualTo("Once upon a time");
            assertStop(r, StopReason.MAX_TOKENS);
            assertThat(r.upstream().maxTokens()).as("%s upstream max tokens", r).isEqualTo(16);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void upstreamRateLimited(Pair pair) throws Exception {
        Script limited = Script.error(429, "Slow down, please.").withRetryAfterSeconds(7);
        Both both = kit.both(stream -> kit.call(pair, KitRequest.user("Hi"), stream, limited));
        for (Round r : both.rounds()) {
            ClientDialect.ErrorBody error = assertError(gateway, r, 429, "RATE_LIMITED");
            assertThat(error.message()).as("%s error message", r).contains("Slow down, please.");
            assertThat(r.reply().retryAfter()).as("%s retry-after header", r).isEqualTo("7");
            if (pair.client() == WireProtocol.GEMINI) {
                assertThat(error.retryDelay()).as("%s google.rpc.RetryInfo.retryDelay (what Gemini CLI backs off by)", r).isEqualTo("7s");
            }
        }
    }

    /** Passthrough relays the vendor's 500 as it is; translation re-renders it as the gateway's upstream error (502). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void upstreamServerError(Pair pair) throws Exception {
        Both both = kit.both(stream -> kit.call(pair, KitRequest.user("Hi"), stream, Script.error(500, "The model crashed.")));
        for (Round r : both.rounds()) {
            ClientDialect.ErrorBody error = assertError(gateway, r, pair.passthrough() ? 500 : 502, "UPSTREAM_ERROR");
            assertThat(error.message()).as("%s error message", r).contains("The model crashed.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void upstreamTimeout(Pair pair) throws Exception {
        Script late = Script.text("Too late.").withFirstByteDelayMs(2 * KitGateway.TIMEOUT_MS);
        Both both = kit.concurrently(pair, KitRequest.user("Hi"), late);
        for (Round r : both.rounds()) {
            assertError(gateway, r, 504, "TIMEOUT");
        }
    }

    /**
     * The upstream cuts its stream after three events: the client gets its protocol's in-stream error,
     * exactly once, as the last event (Chat's {@code [DONE]} may follow), and never a normal ending. A
     * unary upstream call has no stream to cut: the same script answers it whole.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void midStreamFailure(Pair pair) throws Exception {
        Script cut = Script.text("This answer is cut off in the middle of a sentence.").withFailAfterEvents(3);
        Round unary = kit.call(pair, KitRequest.user("Tell me something."), false, cut);
        assertThat(unary.ok().text()).as("%s text", unary).isEqualTo("This answer is cut off in the middle of a sentence.");

        Round streamed = kit.call(pair, KitRequest.user("Tell me something."), true, cut);
        assertOneInStreamErrorAtTheEnd(gateway, streamed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void usageTotals(Pair pair) throws Exception {
        Usage scripted = new Usage(1200, 300, 800, 200, 120, false);
        Both both = kit.both(stream -> kit.call(pair, KitRequest.user("Hi"), stream, Script.text("Cached answer.").withUsage(scripted)));
        assertAgree(both);
        Usage seen = new Usage(1200, 300, 800, pair.supports(Behavior.CACHE_WRITE_TOKENS) ? 200 : 0,
                pair.supports(Behavior.REASONING_TOKENS) ? 120 : 0, false);
        Usage recorded = new Usage(1200, 300, 800, Behavior.CACHE_WRITE_TOKENS.supportedBy(pair.upstream()) ? 200 : 0,
                Behavior.REASONING_TOKENS.supportedBy(pair.upstream()) ? 120 : 0, false);
        for (Round r : both.rounds()) {
            assertThat(r.ok().usage()).as("%s usage the client sees (cache writes: %s, reasoning: %s)", r,
                    pair.supports(Behavior.CACHE_WRITE_TOKENS), pair.supports(Behavior.REASONING_TOKENS)).isEqualTo(seen);
            RequestRecord record = gateway.record(r.reply().requestId());
            assertThat(record.usage()).as("%s recorded usage (normalised from the upstream's counts)", r).isEqualTo(recorded);
            assertThat(record.statusCode()).as("%s recorded status", r).isEqualTo(200);
            assertThat(record.errorType()).as("%s recorded error type", r).isNull();
            assertThat(record.streaming()).as("%s recorded streaming", r).isEqualTo(r.stream());
            assertThat(record.destinationModel()).as("%s recorded destination model", r).isEqualTo(pair.upstreamModel());
        }
    }
}
