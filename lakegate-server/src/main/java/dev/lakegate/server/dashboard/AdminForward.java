package dev.lakegate.server.dashboard;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.http.ApiDispatcher;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /ui/api/admin/{rest}} → {@code /api/2.0/{rest}} as the signed-in caller, for the admin API calls the Admin
 * page makes (note 019's table) and nothing else: the SQL and catalog APIs stay Bearer-only. Who may call what is
 * still decided by the admin API ({@link ApiDispatcher#invoke}), e.g. a non-admin gets 403 on SCIM Users.
 */
public final class AdminForward {
    public static final String PREFIX = "/ui/api/admin/";
    private static final String SEGMENT = "[^/]+";
    private static final List<Pattern> ALLOWED = List.of(
            Pattern.compile("preview/scim/v2/(Users|Groups)(/" + SEGMENT + ")?"),
            Pattern.compile("token-management/tokens(/" + SEGMENT + ")?"),
            Pattern.compile("token-management/on-behalf-of/tokens"),
            Pattern.compile("token/(list|create|delete)"),
            Pattern.compile("serving-endpoints(/" + SEGMENT + "(/ai-gateway)?)?"),
            Pattern.compile("permissions/serving-endpoints/" + SEGMENT),
            Pattern.compile("budgets(/" + SEGMENT + ")?"));

    private final ApiDispatcher api;

    public AdminForward(ApiDispatcher api) {
        this.api = api;
    }

    /** Whether {@code rest} (the path after {@link #PREFIX}) is one the dashboard may call. */
    static boolean allowed(String rest) {
        return ALLOWED.stream().anyMatch(p -> p.matcher(rest).matches());
    }

    /** @param path the request's path, starting with {@link #PREFIX} */
    public ApiResponse forward(Caller caller, String method, String path, Map<String, List<String>> query, byte[] body) throws Exception {
        String rest = path.substring(PREFIX.length());
        if (!allowed(rest)) {
            throw new GatewayException(ErrorCategory.NOT_FOUND, "No dashboard admin route " + path);
        }
        return api.invoke(caller, method, "/api/2.0/" + rest, query, body);
    }
}
