package dev.lakegate.server.http;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Request ids: {@code req_} + 24 hex digits, unguessable so they reveal nothing about traffic volume. */
final class RequestIds {
    /** The response header that carries a request's id. */
    static final String HEADER = "x-request-id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    static String next() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "req_" + HexFormat.of().formatHex(b);
    }
}
