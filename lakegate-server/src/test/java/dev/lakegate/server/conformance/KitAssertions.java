package dev.lakegate.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.sse.SseEvent;
import dev.lakegate.server.conformance.KitClient.Both;
import dev.lakegate.server.conformance.UpstreamView.Call;
import dev.lakegate.server.conformance.UpstreamView.Msg;
import dev.lakegate.server.conformance.UpstreamView.Result;
import dev.lakegate.server.observe.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The assertions several kit cases share, and the follow-up request of the tool cases. */
final class KitAssertions {
    /** The tool result a client sends for each city. */
    static final Map<String, String> WEATHER_BY_CITY = Map.of("Paris", "18°C and sunny", "Tokyo", "25°C and humid");

    private KitAssertions() {}

    /** Unary and streaming read back as the same answer (tool call ids aside: each answer mints its own). */
    static void assertAgree(Both both) {
        assertThat(both.streamed().ok().sansIds()).as("%s: the streamed answer read back equals the unary one", both.streamed())
                .isEqualTo(both.unary().ok().sansIds());
    }

    /** The canonical stop reason, and for unary answers the client's own word for it on the wire. */
    static void assertStop(Round r, StopReason expected) {
        assertThat(r.ok().stop()).as("%s stop reason", r).isEqualTo(expected);
        if (!r.stream()) {
            ClientDialect client = ClientDialect.of(r.pair().client());
            assertThat(client.wireStopReason(r.json())).as("%s stop reason on the wire", r).isEqualTo(client.wireStopReason(expected));
        }
    }

    /** The answer calls {@code tool} once per city, in order, with parsed arguments and an id the client can answer. */
    static void assertCalls(Round r, String tool, String... cities) {
        List<Answer.Call> calls = r.ok().calls();
        assertThat(calls).as("%s tool calls", r).extracting(Answer.Call::name).containsOnly(tool).hasSize(cities.length);
        for (int i = 0; i < cities.length; i++) {
            assertThat(calls.get(i).arguments()).as("%s arguments of call %d", r, i).isEqualTo(Json.object().put("city", cities[i]));
            assertThat(calls.get(i).id()).as("%s id of call %d", r, i).isNotBlank();
        }
        assertThat(r.ok().text()).as("%s text beside the tool calls", r).isNull();
    }

    /**
     * The follow-up the client sends after {@code turn}: the history, the assistant's calls as the client
     * received them (ids as this client echoes them), and one result per call.
     */
    static KitRequest followUp(Pair pair, KitRequest ask, Round turn) {
        ClientDialect client = ClientDialect.of(pair.client());
        List<KitRequest.Call> calls = new ArrayList<>();
        List<KitRequest.Result> results = new ArrayList<>();
        List<Answer.Call> received = turn.ok().calls();
        for (int i = 0; i < received.size(); i++) {
            Answer.Call c = received.get(i);
            String id = client.echoedCallId(c.id(), c.name(), i);
            calls.add(new KitRequest.Call(id, c.name(), c.arguments()));
            results.add(new KitRequest.Result(id, c.name(), WEATHER_BY_CITY.get(c.arguments().path("city").asText())));
        }
        return ask.then(new KitRequest.Calls(calls), new KitRequest.Results(results));
    }

    /** The upstream's second request holds the calls, then each city's result tied to that city's call by the upstream's own pairing rule. */
    static void assertPairedResults(Round r, String... cities) {
        UpstreamView up = r.upstream();
        assertThat(up.conversation().getFirst()).as("%s upstream conversation starts with the question", r).extracting(Msg::role).isEqualTo("user");
        assertThat(up.toolNames()).as("%s upstream tools", r).containsExactly("get_weather", "get_time");
        List<Call> calls = up.toolCalls();
        assertThat(calls).as("%s upstream tool calls: %s", r, up).extracting(c -> c.arguments().path("city").asText()).containsExactly(cities);
        assertThat(calls).as("%s upstream tool call names", r).extracting(Call::name).containsOnly("get_weather");
        List<Map.Entry<Call, Result>> pairs = up.pairs();
        assertThat(pairs).as("%s upstream tool results", r).hasSize(cities.length);
        for (int i = 0; i < cities.length; i++) {
            Call call = pairs.get(i).getKey();
            Result result = pairs.get(i).getValue();
            assertThat(call).as("%s result %d answers no call of the request: %s", r, i, up).isNotNull();
            assertThat(result.text()).as("%s result %d text", r, i).isEqualTo(WEATHER_BY_CITY.get(cities[i]));
            assertThat(call.arguments().path("city").asText()).as("%s result %d is tied to the call for its city: %s", r, i, up).isEqualTo(cities[i]);
            assertThat(result.position()).as("%s result %d comes after its call", r, i).isGreaterThan(call.position());
            if (Behavior.TOOL_CALL_IDS.supportedBy(r.pair().upstream())) {
                assertThat(call.id()).as("%s call %d id", r, i).isNotBlank();
                assertThat(result.callId()).as("%s result %d names its call's id", r, i).isEqualTo(call.id());
            }
        }
    }

    /** An error before the answer started: status, the client's error shape and name, and the request record. */
    static ClientDialect.ErrorBody assertError(KitGateway gateway, Round r, int status, String category) throws InterruptedException {
        ClientDialect client = ClientDialect.of(r.pair().client());
        assertThat(r.status()).as("%s status (body %s)", r, r.bodyText()).isEqualTo(status);
        assertThat(r.reply().contentType()).as("%s error content type", r).startsWith("application/json");
        ClientDialect.ErrorBody error = client.error(status, r.json());
        assertThat(error.name()).as("%s error name in %s", r, r.bodyText()).isEqualTo(client.errorName(status));
        RequestRecord record = gateway.record(r.reply().requestId());
        assertThat(record.statusCode()).as("%s recorded status", r).isEqualTo(status);
        assertThat(record.errorType()).as("%s recorded error type", r).isEqualTo(category);
        return error;
    }

    /**
     * A stream that broke after it started: HTTP 200, the client protocol's in-stream error exactly once
     * and as the last event (only trailers such as Chat's {@code [DONE]} after it), never a normal ending,
     * the client's reader reporting the failure, and a request record saying what went wrong.
     */
    static void assertOneInStreamErrorAtTheEnd(KitGateway gateway, Round r) throws InterruptedException {
        ClientDialect client = ClientDialect.of(r.pair().client());
        assertThat(r.status()).as("%s status (the stream had started)", r).isEqualTo(200);
        List<SseEvent> events = r.events();
        List<SseEvent> content = events.stream().filter(e -> !client.isTrailer(e)).toList();
        assertThat(content.stream().filter(client::isError)).as("%s in-stream error events in %s", r, r.bodyText()).hasSize(1);
        assertThat(client.isError(content.getLast())).as("%s the error is the last event: %s", r, r.bodyText()).isTrue();
        assertThat(events.subList(events.indexOf(content.getLast()) + 1, events.size())).as("%s only trailers after the error", r)
                .allMatch(client::isTrailer);
        assertThat(events.stream().filter(client::isCompletion)).as("%s no normal ending in %s", r, r.bodyText()).isEmpty();
        assertThat(r.unreadable()).as("%s the client's %s reader reports the failure, but read: %s", r, r.pair().client().id(), r.answer())
                .isNotNull();
        RequestRecord record = gateway.record(r.reply().requestId());
        assertThat(record.statusCode()).as("%s recorded status", r).isEqualTo(200);
        assertThat(record.errorType()).as("%s recorded error type", r).isEqualTo("UPSTREAM_ERROR");
    }
}
