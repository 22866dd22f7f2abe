package dev.lakegate.bench.jmh;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.sse.SseEventGate;
import dev.lakegate.protocol.sse.SseParser;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.protocol.usage.UsageTap;
import dev.lakegate.protocol.usage.UsageTaps;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SSE events per second through what the passthrough lane does to every streamed answer: {@link #usageTap}
 * is {@code PassthroughLane.relay} without its socket writes (a fresh tap per response, each read copied into
 * the lane's buffer and fed to the tap, then {@code finish}, {@code answerCharacters} and {@code eventsSeen});
 * {@link #eventGate} is the {@link SseEventGate} the lane passes a stream through besides (whole events, data
 * checked to be JSON); {@link #parse} is the {@link SseParser} alone, as the taps and the translation decoders run it; {@link #copy},
 * the baseline, only copies the same reads into the buffer. Every streamed byte a gateway relays pays this, so
 * it bounds how many concurrent streams one core can watch.
 */
@State(Scope.Thread)
@OperationsPerInvocation(UpstreamStream.EVENTS)
public class SseBenchmark {
    @Param({"anthropic", "openai.chat", "openai.responses", "gemini"})
    public String protocol;

    /** See {@link UpstreamStream#of}; {@code -p reads=event} measures one read per event. */
    @Param({"1-4k"})
    public String reads;

    private UpstreamStream stream;
    private final byte[] buffer = new byte[UpstreamStream.LANE_BUFFER];

    @Setup
    public void setUp() {
        stream = UpstreamStream.of(WireProtocol.fromId(protocol), reads);
        UsageTap tap = UsageTaps.forResponse(stream.protocol, Framing.SSE);
        stream.replay(buffer, tap::onBytes);
        Usage seen = tap.finish();
        if (seen.inputTokens() != UpstreamStream.USAGE.inputTokens() || seen.outputTokens() != UpstreamStream.USAGE.outputTokens()
                || tap.eventsSeen() != UpstreamStream.EVENTS) {
            throw new IllegalStateException(protocol + ": the tap saw " + seen + " in " + tap.eventsSeen() + " events, not "
                    + UpstreamStream.USAGE + " in " + UpstreamStream.EVENTS);
        }
    }

    @Benchmark
    public void copy(Blackhole bh) {
        stream.replay(buffer, (bytes, offset, length) -> bh.consume(length));
        bh.consume(buffer);
    }

    @Benchmark
    public void parse(Blackhole bh) {
        SseParser parser = SseParser.raw((event, data, length) -> {
            bh.consume(event);
            bh.consume(length);
        }, SseParser.DEFAULT_MAX_EVENT_BYTES, false);
        stream.replay(buffer, parser::feed);
        parser.finish();
    }

    @Benchmark
    public void eventGate(Blackhole bh) {
        SseEventGate gate = new SseEventGate(1024 * 1024);
        stream.replay(buffer, (bytes, offset, length) -> {
            try {
                gate.feed(bytes, offset, length, (b, o, n) -> bh.consume(n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        bh.consume(gate.midEvent());
    }

    @Benchmark
    public void usageTap(Blackhole bh) {
        UsageTap tap = UsageTaps.forResponse(stream.protocol, Framing.SSE);
        stream.replay(buffer, tap::onBytes);
        bh.consume(tap.finish());
        bh.consume(tap.answerCharacters());
        bh.consume(tap.eventsSeen());
    }
}
