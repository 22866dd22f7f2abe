package dev.lakegate.bench.jmh;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ResponseReader;
import dev.lakegate.protocol.canonical.ResponseWriter;
import dev.lakegate.protocol.canonical.StreamDecoder;
import dev.lakegate.protocol.canonical.StreamEncoder;
import dev.lakegate.protocol.canonical.StreamEvent;
import dev.lakegate.protocol.canonical.StreamEvents;
import dev.lakegate.protocol.canonical.StreamOptions;
import dev.lakegate.protocol.usage.Usage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Upstream SSE events per second through each stream translator the translation lane builds: the upstream's
 * {@link StreamDecoder} (SSE parser, JSON documents, canonical events, and its usage tap on the same bytes) feeding
 * the client's {@link StreamEncoder}, fresh per response and fed read by read as {@code TranslationLane.relayStream}
 * does, its socket writes left out. Its baseline is {@link SseBenchmark#parse} of the same upstream stream and reads:
 * what translating costs beyond finding the events. An agent on another vendor's model pays this on every event.
 */
@State(Scope.Thread)
@OperationsPerInvocation(UpstreamStream.EVENTS)
public class TranslationBenchmark {
    /** {@code upstream>client}: every pair of different protocols. */
    @Param({"anthropic>openai.chat", "anthropic>openai.responses", "anthropic>gemini",
        "openai.chat>anthropic", "openai.chat>openai.responses", "openai.chat>gemini",
        "openai.responses>anthropic", "openai.responses>openai.chat", "openai.responses>gemini",
        "gemini>anthropic", "gemini>openai.chat", "gemini>openai.responses"})
    public String translation;

    /** See {@link UpstreamStream#of}. */
    @Param({"1-4k"})
    public String reads;

    private UpstreamStream stream;
    private WireProtocol client;
    private final byte[] buffer = new byte[UpstreamStream.LANE_BUFFER];

    @Setup
    public void setUp(Blackhole bh) {
        String[] pair = translation.split(">", 2);
        stream = UpstreamStream.of(WireProtocol.fromId(pair[0]), reads);
        client = WireProtocol.fromId(pair[1]);
        Usage usage = translate(bh).usage(); // an encoder refuses events out of its grammar's order
        if (usage.inputTokens() != UpstreamStream.USAGE.inputTokens() || usage.outputTokens() != UpstreamStream.USAGE.outputTokens()) {
            throw new IllegalStateException(translation + ": the decoder reported " + usage + ", not " + UpstreamStream.USAGE);
        }
    }

    @Benchmark
    public StreamEvent.Finish translate(Blackhole bh) {
        StreamEncoder encoder = ResponseWriter.of(client).stream(new StreamOptions(Framing.SSE, true));
        StreamDecoder decoder = ResponseReader.of(stream.protocol).stream(Framing.SSE, event -> {
            for (byte[] chunk : encoder.encode(event)) {
                bh.consume(chunk);
            }
            bh.consume(StreamEvents.characters(event));
        });
        stream.replay(buffer, decoder::feed);
        return decoder.finish();
    }
}
