package dev.lakegate.server.http;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Request ids: {@code req_} + 24 hex digits, unguessable so they reveal nothing about traffic volume. */
final class RequestIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    static String next() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "req_" + HexFormat.of().formatHex(b);
    }
}
