package dev.lakegate.server.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;

/**
 * Cross-site request forgery walls of {@code /ui/api} (SameSite=Strict is the other): a state-changing request
 * must come from a page of this origin ({@code Origin} naming the {@code Host}, or, without {@code Origin},
 * {@code Sec-Fetch-Site: same-origin}) and carry the session's token in {@code X-Lakegate-CSRF}.
 */
public final class Csrf {
    public static final String HEADER = "X-Lakegate-CSRF";

    private Csrf() {}

    /** Whether the header carries the session's token; compared in constant time. */
    static boolean tokenMatches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the request comes from a page served by this host. */
    static boolean sameOrigin(HttpFields headers) {
        String host = headers.get("Host");
        String origin = headers.get("Origin");
        if (origin == null) {
            return "same-origin".equals(headers.get("Sec-Fetch-Site"));
        }
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return false; // "null" (sandboxed or file pages) and anything that is not a web origin
            }
            int defaultPort = scheme.equals("https") ? 443 : 80;
            return authority(uri.getHost(), uri.getPort(), defaultPort).equals(hostAuthority(host, defaultPort));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String hostAuthority(String host, int defaultPort) {
        try {
            URI uri = new URI("http://" + host.trim());
            return uri.getHost() == null ? "" : authority(uri.getHost(), uri.getPort(), defaultPort);
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static String authority(String host, int port, int defaultPort) {
        return host.toLowerCase(Locale.ROOT) + ":" + (port == -1 ? defaultPort : port);
    }
}
