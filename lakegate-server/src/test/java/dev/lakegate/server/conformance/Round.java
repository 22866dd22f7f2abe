package dev.lakegate.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.protocol.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One client call through the gateway and everything seen of it: the reply, the answer read back with
 * the client protocol's own reader, the stream's events, and the one request the upstream received.
 *
 * @param answer null when the call failed or its stream could not be read ({@code unreadable} says why)
 * @param events the SSE events of a streamed reply; empty for unary ones
 */
record Round(Pair pair, boolean stream, KitGateway.Reply reply, Answer answer, GatewayException unreadable, List<SseEvent> events,
        UpstreamView upstream) {

    String mode() {
        return stream ? "streaming" : "unary";
    }

    int status() {
        return reply.status();
    }

    /** The answer; fails the case, saying what the client got, when there is none. */
    Answer ok() {
        assertThat(reply.status()).as("%s %s: HTTP status (body %s)", pair, mode(), bodyText()).isEqualTo(200);
        if (unreadable != null) {
            throw new AssertionError(pair + " " + mode() + ": the client's " + pair.client().id() + " reader cannot read the answer: "
                    + unreadable.getMessage() + "\n" + bodyText(), unreadable);
        }
        return answer;
    }

    JsonNode json() {
        return Wire.parse(reply.body());
    }

    String bodyText() {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return pair + " " + mode() + " [request " + reply.requestId() + "]";
    }
}
