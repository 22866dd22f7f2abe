package dev.lakegate.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.ResponseWriter;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.canonical.StreamOptions;
import dev.lakegate.protocol.usage.Usage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The upstream side of the stream benchmarks: one agent turn (reasoning, an answer, an edit tool call) as a
 * streamed body of exactly {@value #EVENTS} SSE events in a vendor's grammar, and the reads the network hands
 * it to the lane in. No captured stream is that long (the protocol module's golden streams have 6–25 events),
 * so the body is written by the protocol module's encoders from canonical events, as the scripted upstream
 * writes its streams; its answer text is padded until the vendor's grammar reaches {@value #EVENTS} events.
 */
final class UpstreamStream {
    static final int EVENTS = 50;
    /** What the stream's usage events report: a cached agent prompt, an answer with some reasoning. */
    static final Usage USAGE = new Usage(18_240, 412, 16_384, 0, 96, false);
    /** Lane read buffer ({@code PassthroughLane}, {@code TranslationLane}). */
    static final int LANE_BUFFER = 16 * 1024;

    /** Both lanes' read loops hand each read on as {@code (buffer, 0, n)}; so do parsers, taps and decoders take it. */
    @FunctionalInterface
    interface Reader {
        void feed(byte[] bytes, int offset, int length);
    }

    private static final String ANSWER = "I found the cause: the retry loop in UpstreamClient re-reads the request body"
            + " after the first attempt has consumed it, so the second attempt sends an empty body and the provider"
            + " answers 400. I will buffer the body once and hand each attempt a fresh stream over the same bytes,"
            + " then add a test that makes the scripted upstream fail the first call.";
    private static final String[] THINKING = {"The user reports 400s only on retries. ", "Retries re-send the body; ",
        "if the body is an InputStream ", "it is empty the second time. ", "Check how send() builds the publisher ",
        "and whether it is replayable."};
    private static final String SIGNATURE = "EqQBCkYIBxgCKkBx3Vbq0mQ2aFz8c1mJ0Yq6Xk1qG9hWw4r2Pn7sLz0uQeA5oT1yR8iD3fC6vB9xN2m";
    private static final int TOOL_ARGUMENT_DELTAS = 6;

    final WireProtocol protocol;
    final byte[] body;
    /** End offset in {@link #body} of each read, in order. */
    private final int[] readEnds;

    private UpstreamStream(WireProtocol protocol, byte[] body, int[] readEnds) {
        this.protocol = protocol;
        this.body = body;
        this.readEnds = readEnds;
    }

    /**
     * @param reads {@code 1-4k}: reads of 1 to 4 KiB (seeded, the same in every run), as a socket delivers a
     *     stream that arrives faster than it is read; {@code event}: one read per event, as a paced live stream arrives
     */
    static UpstreamStream of(WireProtocol protocol, String reads) {
        List<byte[]> events = encode(protocol, textDeltasFor(protocol));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        events.forEach(body::writeBytes);
        return new UpstreamStream(protocol, body.toByteArray(), switch (reads) {
            case "event" -> eventEnds(events);
            case "1-4k" -> randomEnds(body.size(), 1024, 4096);
            default -> throw new IllegalArgumentException("reads must be 1-4k or event, not " + reads);
        });
    }

    /** Copies each read into the lane's buffer and hands it on, as the lanes' read loops do. */
    void replay(byte[] buffer, Reader reader) {
        int from = 0;
        for (int end : readEnds) {
            int n = end - from;
            System.arraycopy(body, from, buffer, 0, n);
            reader.feed(buffer, 0, n);
            from = end;
        }
    }

    /** The number of answer-text deltas that makes this protocol's stream {@value #EVENTS} events long. */
    private static int textDeltasFor(WireProtocol protocol) {
        for (int deltas = 1; deltas < EVENTS; deltas++) {
            int events = encode(protocol, deltas).size();
            if (events == EVENTS) {
                return deltas;
            }
            if (events > EVENTS) {
                break;
            }
        }
        throw new IllegalStateException(protocol.id() + ": no number of text deltas gives a stream of " + EVENTS + " events");
    }

    /** The wire events of the turn with its answer cut into {@code textDeltas} pieces, one byte array per SSE event. */
    private static List<byte[]> encode(WireProtocol protocol, int textDeltas) {
        StreamEncoder encoder = ResponseWriter.of(protocol).stream(new StreamOptions(Framing.SSE, true));
        List<byte[]> out = new ArrayList<>();
        for (StreamEvent event : events(protocol, textDeltas)) {
            out.addAll(encoder.encode(event));
        }
        return out;
    }

    private static List<StreamEvent> events(WireProtocol protocol, int textDeltas) {
        List<StreamEvent> events = new ArrayList<>();
        boolean anthropic = protocol == WireProtocol.ANTHROPIC;
        // Ids and models as each vendor spells them, so every field has its real length.
        String[] idAndModel = switch (protocol) {
            case ANTHROPIC -> new String[] {"msg_01XFDUDYJgAACzvnptvVoYEL", "claude-sonnet-4-5-20250929"};
            case OPENAI_CHAT -> new String[] {"chatcmpl-CAbE5bBx7Jp0Qb3z9YxWcR2kLm4Nd", "gpt-5-codex"};
            case OPENAI_RESPONSES -> new String[] {"resp_68af4030592c81938ec0a5fbab4a3e9f0e4a7d2b1c3f5e6a", "gpt-5-codex"};
            case GEMINI -> new String[] {"z7VxaPO4HdmWz7IP8qG5qAQ", "gemini-2.5-pro"};
        };
        events.add(new StreamEvent.Start(idAndModel[0], idAndModel[1],
                new Usage(USAGE.inputTokens(), 0, USAGE.cacheReadTokens(), 0, 0, false)));
        for (String piece : THINKING) {
            events.add(new StreamEvent.ThinkingDelta(piece));
        }
        events.add(new StreamEvent.ThinkingSignature(SIGNATURE));
        for (String piece : pieces(ANSWER, textDeltas)) {
            events.add(new StreamEvent.TextDelta(piece));
        }
        events.add(new StreamEvent.ToolCallStart(anthropic ? "toolu_01A09q90qw90lq917835lq9" : "call_a4f9Xo2kD3mB7pQ1", "Edit"));
        ObjectNode arguments = Json.object()
                .put("file_path", "/work/app/lakegate-server/src/main/java/dev/lakegate/server/provider/UpstreamClient.java")
                .put("old_string", "HttpRequest.BodyPublishers.ofInputStream(() -> body)")
                .put("new_string", "HttpRequest.BodyPublishers.ofByteArray(bytes)");
        for (String piece : pieces(Json.string(arguments), TOOL_ARGUMENT_DELTAS)) {
            events.add(new StreamEvent.ToolCallDelta(piece));
        }
        events.add(new StreamEvent.Finish(StopReason.TOOL_USE, USAGE));
        return events;
    }

    /** {@code text} cut into {@code n} pieces of nearly equal length. */
    private static List<String> pieces(String text, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(text.substring(text.length() * i / n, text.length() * (i + 1) / n));
        }
        return out;
    }

    private static int[] eventEnds(List<byte[]> events) {
        int[] ends = new int[events.size()];
        int end = 0;
        for (int i = 0; i < ends.length; i++) {
            end += events.get(i).length;
            ends[i] = end;
        }
        return ends;
    }

    private static int[] randomEnds(int length, int min, int max) {
        Random random = new Random(9); // the number: every run reads the same way
        int[] ends = new int[length / min + 1];
        int count = 0;
        for (int end = 0; end < length; ) {
            end = Math.min(length, end + min + random.nextInt(max - min + 1));
            ends[count++] = end;
        }
        return Arrays.copyOf(ends, count);
    }
}
