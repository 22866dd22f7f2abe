package dev.lakegate.protocol.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.usage.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Drives response decoders in tests and shows their output in a readable, golden-friendly form. */
public final class Decoding {
    private Decoding() {}

    /** What one decoded stream produced. */
    public record Decoded(List<StreamEvent> events, CanonicalResponse response) {}

    /**
     * Decodes {@code body} fed in pieces of {@code chunk} bytes (0: whole), checks the event grammar
     * (Start first, one Finish last, returned by finish()) and assembles the answer.
     */
    public static Decoded stream(WireProtocol protocol, Framing framing, byte[] body, int chunk) {
        List<StreamEvent> events = new ArrayList<>();
        StreamDecoder decoder = ResponseReader.of(protocol).stream(framing, events::add);
        int step = chunk <= 0 ? Math.max(1, body.length) : chunk;
        for (int at = 0; at < body.length; at += step) {
            decoder.feed(body, at, Math.min(step, body.length - at));
        }
        StreamEvent.Finish finish = decoder.finish();
        assertThat(events).isNotEmpty();
        assertThat(events.getFirst()).isInstanceOf(StreamEvent.Start.class);
        assertThat(events.getLast()).isSameAs(finish);
        assertThat(events.stream().filter(e -> e instanceof StreamEvent.Start)).hasSize(1);
        assertThat(events.stream().filter(e -> e instanceof StreamEvent.Finish)).hasSize(1);
        assertThat(decoder.finish()).as("finish() is idempotent").isSameAs(finish);
        ResponseAssembler assembler = new ResponseAssembler();
        events.forEach(assembler);
        return new Decoded(events, assembler.response());
    }

    /** Decodes whole, byte by byte and in 7-byte pieces; all three must give the same events. */
    public static Decoded streamAnyChunking(WireProtocol protocol, Framing framing, byte[] body) {
        Decoded whole = stream(protocol, framing, body, 0);
        String events = new String(dump(whole.events()), StandardCharsets.UTF_8); // synthesized ids differ per run
        assertThat(new String(dump(stream(protocol, framing, body, 1).events()), StandardCharsets.UTF_8)).as("fed byte by byte").isEqualTo(events);
        assertThat(new String(dump(stream(protocol, framing, body, 7).events()), StandardCharsets.UTF_8)).as("fed in 7-byte pieces").isEqualTo(events);
        return whole;
    }

    /** Decodes a golden upstream stream (any chunking) and compares its events with {@code <resource>.expected.json}. */
    public static Decoded assertStreamGolden(WireProtocol protocol, Framing framing, String resource) {
        Decoded decoded = streamAnyChunking(protocol, framing, resource(resource));
        Golden.assertJson(resource + ".expected.json", dump(decoded.events()));
        return decoded;
    }

    /** Reads a golden unary body and compares the answer with {@code <resource>.expected.json}. */
    public static CanonicalResponse assertUnaryGolden(WireProtocol protocol, String resource) {
        CanonicalResponse response = ResponseReader.of(protocol).unary(resource(resource));
        Golden.assertJson(resource + ".expected.json", dump(response));
        return response;
    }

    /** What a broken stream produced before it failed, and how it failed. */
    public record Failed(List<StreamEvent> events, GatewayException error) {
        public String message() {
            return error.getMessage();
        }
    }

    /** Feeds {@code body} and finishes, expecting an UPSTREAM_ERROR; the dead decoder must rethrow it. */
    public static Failed failing(WireProtocol protocol, Framing framing, String body) {
        List<StreamEvent> events = new ArrayList<>();
        StreamDecoder decoder = ResponseReader.of(protocol).stream(framing, events::add);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> {
            decoder.feed(bytes);
            decoder.finish();
        });
        assertThat(error).as("the stream should fail").isNotNull();
        assertThat(error.error().category()).isEqualTo(ErrorCategory.UPSTREAM_ERROR);
        assertThat(catchThrowable(decoder::finish)).isSameAs(error);
        assertThat(catchThrowable(() -> decoder.feed(bytes))).isSameAs(error);
        assertThat(events.stream().filter(e -> e instanceof StreamEvent.Finish)).isEmpty();
        return new Failed(events, error);
    }

    /** Decodes a whole stream given as text. */
    public static Decoded stream(WireProtocol protocol, Framing framing, String body) {
        return stream(protocol, framing, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** SSE text from (event name, JSON) pairs; a null name writes a data-only event. */
    public static String sse(String... nameAndData) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nameAndData.length; i += 2) {
            if (nameAndData[i] != null) {
                out.append("event: ").append(nameAndData[i]).append('\n');
            }
            out.append("data: ").append(nameAndData[i + 1]).append("\n\n");
        }
        return out.toString();
    }

    public static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    public static byte[] resource(String name) {
        return Golden.read(name).getBytes(StandardCharsets.UTF_8);
    }

    /** Events as JSON, one object per event; synthesized ids are shown as {@code gen_*} since they are random. */
    public static byte[] dump(List<StreamEvent> events) {
        ArrayNode out = Json.array();
        for (StreamEvent e : events) {
            ObjectNode o = out.addObject();
            switch (e) {
                case StreamEvent.Start s -> o.putObject("start").put("id", stable(s.id())).put("model", s.model()).set("usage", usage(s.usage()));
                case StreamEvent.TextDelta d -> o.put("text", d.text());
                case StreamEvent.ThinkingDelta d -> o.put("thinking", d.text());
                case StreamEvent.ThinkingSignature s -> o.put("signature", s.signature());
                case StreamEvent.ToolCallStart t -> o.putObject("tool_call").put("id", t.id()).put("name", t.name());
                case StreamEvent.ToolCallDelta d -> o.put("arguments", d.argumentsJson());
                case StreamEvent.Finish f -> o.putObject("finish").put("stop_reason", f.stopReason().name()).set("usage", usage(f.usage()));
            }
        }
        return Json.bytes(out);
    }

    /** An answer as JSON: blocks by their record form, for goldens of unary reads. */
    public static byte[] dump(CanonicalResponse r) {
        ObjectNode o = Json.object().put("id", stable(r.id())).put("model", r.model());
        ArrayNode blocks = o.putArray("content");
        for (ContentBlock b : r.content()) {
            ObjectNode n = blocks.addObject().put("block", b.getClass().getSimpleName());
            if (b instanceof ContentBlock.Text t) {
                n.put("text", t.text());
            } else if (b instanceof ContentBlock.Thinking t) {
                n.put("text", t.text()).put("signature", t.signature());
            } else if (b instanceof ContentBlock.ToolUse t) {
                n.put("id", t.id()).put("name", t.name()).set("input", t.input());
            } else if (b instanceof ContentBlock.RedactedThinking t) {
                n.put("data", t.data()).put("source", t.extras().source().id());
            }
        }
        o.put("stop_reason", r.stopReason().name());
        o.set("usage", usage(r.usage()));
        return Json.bytes(o);
    }

    private static ObjectNode usage(Usage u) {
        return Json.object().put("input", u.inputTokens()).put("output", u.outputTokens()).put("cache_read", u.cacheReadTokens())
                .put("cache_write", u.cacheCreationTokens()).put("reasoning", u.reasoningTokens());
    }

    private static String stable(String id) {
        return id.startsWith("gen_") ? "gen_*" : id;
    }
}
