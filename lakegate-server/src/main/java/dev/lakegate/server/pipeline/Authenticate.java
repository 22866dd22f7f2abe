package dev.lakegate.server.pipeline;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.governance.Authenticator;
import dev.lakegate.server.governance.Caller;
import java.util.Map;

/**
 * Finds the caller from the credential an agent sends: {@code Authorization: Bearer}, Anthropic's
 * {@code x-api-key}, Gemini's {@code x-goog-api-key} or {@code ?key=} (SPEC §1).
 */
public final class Authenticate implements Interceptor {
    private final Authenticator authenticator;

    public Authenticate(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        exchange.caller(authenticate(authenticator, exchange.headers(), exchange.query()));
        chain.proceed(exchange);
    }

    /** Shared with the JSON APIs, which accept the same credentials. */
    public static Caller authenticate(Authenticator authenticator, Map<String, String> headers, Map<String, String> query) {
        String secret = presentedSecret(headers, query);
        if (secret == null) {
            throw new GatewayException(ErrorCategory.AUTHENTICATION,
                    "No credential: send your Lakegate token as 'Authorization: Bearer <token>' (or x-api-key / x-goog-api-key)");
        }
        return authenticator.authenticate(secret).orElseThrow(() -> new GatewayException(ErrorCategory.AUTHENTICATION,
                "Invalid token: it is unknown, revoked or expired. Create a new one with 'lakegate tokens create'"));
    }

    static String presentedSecret(Map<String, String> headers, Map<String, String> query) {
        String authorization = headers.get("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!token.isEmpty()) {
                return token;
            }
        }
        for (String candidate : new String[] {headers.get("x-api-key"), headers.get("x-goog-api-key"), query.get("key")}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        return null;
    }
}
