package dev.lakegate.server.otel;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Content-Encoding of OTLP bodies: identity or gzip, inflated only up to a bound (gzip bombs). */
final class Bodies {
    private Bodies() {}

    static byte[] decompress(String contentEncoding, byte[] body, long limit) {
        String coding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        return switch (coding) {
            case "", "identity" -> {
                if (body.length > limit) {
                    throw tooLarge(limit);
                }
                yield body;
            }
            case "gzip", "x-gzip" -> gunzip(body, limit);
            default -> throw new GatewayException(ErrorCategory.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding '" + contentEncoding + "' is not supported: send OTLP bodies plain or gzip-compressed");
        };
    }

    private static byte[] gunzip(byte[] body, long limit) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
            byte[] inflated = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (inflated.length > limit) {
                throw tooLarge(limit);
            }
            return inflated;
        } catch (IOException e) {
            throw new GatewayException(ErrorCategory.INVALID_REQUEST, "Body is not valid gzip (Content-Encoding: gzip): " + e.getMessage());
        }
    }

    private static GatewayException tooLarge(long limit) {
        return new GatewayException(ErrorCategory.REQUEST_TOO_LARGE, "OTLP body exceeds the gateway's limit of " + limit
                + " bytes once inflated (otel.max_body_bytes); export smaller batches");
    }
}
