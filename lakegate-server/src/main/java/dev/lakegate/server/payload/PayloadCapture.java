package dev.lakegate.server.payload;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;

/**
 * What one sampled request exchanged with its agent, as bytes: the body as received and the answer as
 * sent, each kept up to {@link #LIMIT}. Taking it costs the request thread a copy of the answer's bytes and
 * nothing else; turning it into a row (assembling a stream, redacting) is the recorder's work.
 *
 * @param endpointName the endpoint's own name (an alias the agent sent resolves to it)
 * @param protocol the agent's wire protocol: streams are assembled into its final response
 * @param framing how the answer was framed when it streamed ({@code SSE}, or Gemini's JSON array); {@code JSON} for unary calls
 * @param clientRequestId the agent's {@code x-client-request-id} header, or null
 */
public record PayloadCapture(InferenceTable table, String endpointName, WireProtocol protocol, Framing framing,
        String clientRequestId, CappedBytes request, CappedBytes response) {

    /** The most bytes of a request or of an answer stored: 10 MiB (SPEC §4). */
    static final int LIMIT = 10 * 1024 * 1024;

    /** Memory the capture holds, for the recorder's bound on what may wait. */
    long weight() {
        return 1024L + request.size() + response.size();
    }
}
