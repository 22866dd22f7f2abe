package dev.lakegate.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.canonical.ResponseAssembler;
import dev.lakegate.protocol.canonical.ResponseReader;
import dev.lakegate.protocol.canonical.StreamDecoder;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.protocol.sse.SseParser;
import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.provider.scripted.ReceivedRequest;
import dev.lakegate.server.provider.scripted.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Calls the gateway as a client of a pair's protocol: queues the case's script for the pair's upstream
 * model, posts the request its {@link ClientDialect} writes, and reads back the answer and the request
 * the upstream received. Every call checks what holds for all cases: exactly one upstream request, in
 * the pair's upstream protocol, for its upstream model, streamed exactly when the client streams.
 */
final class KitClient {
    /** What every script reports unless a case sets its own: fixed counts, so unary and streaming agree. */
    static final Usage PLAIN_USAGE = new Usage(40, 12, 0, 0, 0, false);

    /** A unary and a streaming run of the same case. */
    record Both(Round unary, Round streamed) {
        List<Round> rounds() {
            return List.of(unary, streamed);
        }
    }

    @FunctionalInterface
    interface Run {
        Round run(boolean stream) throws Exception;
    }

    private final KitGateway gateway;

    KitClient(KitGateway gateway) {
        this.gateway = gateway;
    }

    /** Runs a case unary, then streaming. */
    Both both(Run run) throws Exception {
        return new Both(run.run(false), run.run(true));
    }

    /** Runs a case unary and streaming at the same time, for cases that wait on a timeout. */
    Both concurrently(Pair pair, KitRequest request, Script script) throws Exception {
        int mark = gateway.scripted().requests().size();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Round> unary = CompletableFuture.supplyAsync(() -> unchecked(() -> call(pair, request, false, script, false)), pool);
            CompletableFuture<Round> streamed = CompletableFuture.supplyAsync(() -> unchecked(() -> call(pair, request, true, script, false)), pool);
            Both both = new Both(await(unary), await(streamed));
            assertThat(gateway.scripted().requests().size() - mark).as("%s: upstream requests of the two concurrent calls", pair).isEqualTo(2);
            return both;
        }
    }

    Round call(Pair pair, KitRequest request, boolean stream, Script script) throws Exception {
        return call(pair, request, stream, script, true);
    }

    private Round call(Pair pair, KitRequest request, boolean stream, Script script, boolean alone) throws Exception {
        ClientDialect client = ClientDialect.of(pair.client());
        int mark = gateway.scripted().requests().size();
        gateway.scripted().enqueue((script.usage() == null ? script.withUsage(PLAIN_USAGE) : script).withModel(pair.upstreamModel()));
        KitGateway.Reply reply = gateway.post(client.path(pair.endpoint(), stream), Json.bytes(client.body(request, pair.endpoint(), stream)));
        UpstreamView upstream = upstream(pair, stream, mark, alone, reply);
        if (reply.status() != 200) {
            return new Round(pair, stream, reply, null, null, List.of(), upstream);
        }
        assertThat(reply.contentType()).as("%s %s: content type", pair, stream ? "streaming" : "unary")
                .startsWith(stream ? "text/event-stream" : "application/json");
        List<SseEvent> events = new ArrayList<>();
        ResponseReader reader = ResponseReader.of(pair.client());
        try {
            if (!stream) {
                return new Round(pair, stream, reply, Answer.of(reader.unary(reply.body())), null, events, upstream);
            }
            SseParser sse = new SseParser(events::add);
            sse.feed(reply.body());
            sse.finish();
            ResponseAssembler assembler = new ResponseAssembler();
            StreamDecoder decoder = reader.stream(Framing.SSE, assembler);
            decoder.feed(reply.body());
            decoder.finish();
            return new Round(pair, stream, reply, Answer.of(assembler.response()), null, events, upstream);
        } catch (GatewayException e) {
            return new Round(pair, stream, reply, null, e, events, upstream);
        }
    }

    /** The one request this call made upstream (of this call's mode, when another call runs beside it). */
    private UpstreamView upstream(Pair pair, boolean stream, int mark, boolean alone, KitGateway.Reply reply) {
        List<ReceivedRequest> all = gateway.scripted().requests();
        List<UpstreamView> seen = all.subList(mark, all.size()).stream().map(UpstreamView::of).filter(v -> alone || v.streamed() == stream).toList();
        String mode = stream ? "streaming" : "unary";
        assertThat(seen).as("%s %s [request %s]: requests that reached the upstream", pair, mode, reply.requestId()).hasSize(1);
        UpstreamView view = seen.getFirst();
        assertThat(view.protocol()).as("%s %s: upstream protocol", pair, mode).isEqualTo(pair.upstream());
        assertThat(view.model()).as("%s %s: upstream model", pair, mode).isEqualTo(pair.upstreamModel());
        assertThat(view.streamed()).as("%s %s: the upstream call streams as the client does: %s", pair, mode, view).isEqualTo(stream);
        return view;
    }

    /** The round, or what failed in it (an assertion of the call rather than a CompletionException around it). */
    private static Round await(CompletableFuture<Round> round) {
        try {
            return round.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private interface Call<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.get();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
