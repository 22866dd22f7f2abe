package dev.lakegate.server.dashboard;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/** The {@code lg_session} cookie: a random id (32 bytes, base64url), scoped to {@code /ui}, never readable by scripts. */
public final class SessionCookie {
    public static final String NAME = "lg_session";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionCookie() {}

    /** 32 random bytes, base64url without padding: also the form of the CSRF token. */
    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The {@code Set-Cookie} value for a session that the browser keeps {@code maxAgeSeconds}. */
    static String set(String id, long maxAgeSeconds, boolean secure) {
        return NAME + "=" + id + "; Path=/ui; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the browser drop the cookie. */
    static String expired(boolean secure) {
        return set("", 0, secure);
    }

    /** The session id the request carries, if it carries one of the right form. */
    static Optional<String> read(HttpFields headers) {
        for (String header : headers.getValuesList(HttpHeader.COOKIE)) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(NAME)) {
                    String value = pair.substring(eq + 1).trim();
                    return ID.matcher(value).matches() ? Optional.of(value) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
