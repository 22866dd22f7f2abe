package dev.lakegate.server.lane;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.pipeline.Exchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads of an upstream answer. A read that fails is the provider's fault — a reset, a stall past its timeout — and
 * becomes an {@link ErrorCategory#UPSTREAM_ERROR} in the agent's protocol; an {@link IOException} out of a lane
 * means the agent went away.
 */
final class UpstreamReads {
    private UpstreamReads() {}

    static GatewayException error(Exchange exchange, String what) {
        return new GatewayException(GatewayError.of(ErrorCategory.UPSTREAM_ERROR,
                "Upstream provider '" + exchange.destination().provider().name() + "' " + what));
    }

    /** {@link InputStream#read(byte[])}: the count, or -1 at the end. */
    static int read(Exchange exchange, InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw brokeOff(exchange, e);
        }
    }

    /** Up to {@code max} bytes, all of the answer if it is shorter. */
    static byte[] readAtMost(Exchange exchange, InputStream in, int max) {
        try {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw brokeOff(exchange, e);
        }
    }

    private static GatewayException brokeOff(Exchange exchange, IOException e) {
        return error(exchange, "broke off the response: " + e.getMessage());
    }
}
