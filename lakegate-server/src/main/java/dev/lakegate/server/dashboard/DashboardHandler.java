package dev.lakegate.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.config.DashboardConfig;
import dev.lakegate.server.governance.Authenticator;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.http.ApiDispatcher;
import dev.lakegate.server.http.RequestBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Everything under {@code /ui} (docs/design/019): the page and its assets from the class path, the session API
 * (sign-in with a token, the session's CSRF token, logout), the admin API forwarded through {@link AdminForward},
 * and the data routes, all run as the session's caller. Every answer carries the security headers; {@code /ui/api}
 * answers are never cached, take only the session cookie (no Bearer token) and need the CSRF token when they change
 * something.
 */
public final class DashboardHandler {
    /** Where the front end's files are in the jar. */
    public static final String STATIC_ROOT = "dev/lakegate/server/dashboard/static/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String API = "/ui/api/";
    private static final String SESSION = "/ui/api/session";
    private static final String ASSETS = "/ui/assets/";
    private static final String ECHARTS = "/ui/vendor/echarts.min.js";
    private static final String ECHARTS_RESOURCE = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final long MAX_BODY = 1024 * 1024;
    private static final int MAX_SIGN_IN_BODY = 4096;
    /** One asset path segment: a plain file or folder name (no dot files, no "..", nothing encoded). */
    private static final Pattern ASSET_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2");

    /** A class-path file as served: bytes, type and its content hash. */
    private record StaticFile(byte[] bytes, String contentType, String etag) {}

    private final Sessions sessions;
    private final Authenticator authenticator;
    private final AdminForward admin;
    private final ApiDispatcher data;
    private final DashboardConfig config;
    private final String staticRoot;
    private final SignInLimit signInLimit;
    private final Map<String, Optional<StaticFile>> files = new ConcurrentHashMap<>();

    /**
     * @param api the {@code /api/} dispatcher the admin routes are forwarded to
     * @param dataRoutes the dashboard's own data routes ({@code /ui/api/charts…}), run as the session's caller
     * @param staticRoot the class-path folder of {@code index.html} and the assets, ending in {@code /}
     */
    public DashboardHandler(Sessions sessions, Authenticator authenticator, ApiDispatcher api, List<ApiRoute> dataRoutes,
            DashboardConfig config, String staticRoot, Clock clock) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.admin = new AdminForward(api);
        this.data = new ApiDispatcher(dataRoutes, authenticator);
        this.config = config;
        this.staticRoot = staticRoot;
        this.signInLimit = new SignInLimit(clock);
    }

    /** Answers a request whose path starts with {@code /ui}. */
    public void handle(Request request, Response response, Callback callback, String path) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (request.isSecure()) {
            headers.put(HttpHeader.STRICT_TRANSPORT_SECURITY, "max-age=31536000");
        }
        if (path.startsWith(API)) {
            headers.put(HttpHeader.CACHE_CONTROL, "no-store");
            ApiResponse answer;
            try {
                answer = api(request, response, path);
            } catch (Exception e) {
                answer = ApiDispatcher.failure(request.getMethod(), path, e);
            }
            ApiDispatcher.send(response, callback, answer);
            return;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            text(response, callback, 405, "Method " + method + " is not allowed on " + path);
        } else if (path.equals("/ui")) {
            response.setStatus(302);
            headers.put(HttpHeader.LOCATION, "/ui/");
            callback.succeeded();
        } else if (path.equals("/ui/")) {
            serve(request, response, callback, file(staticRoot + "index.html"), "no-cache");
        } else if (path.equals(ECHARTS)) {
            serve(request, response, callback, file(ECHARTS_RESOURCE), "public, max-age=3600");
        } else if (path.startsWith(ASSETS) && assetPath(request, path.substring(ASSETS.length()))) {
            serve(request, response, callback, file(staticRoot + path.substring(ASSETS.length())), "public, max-age=3600");
        } else {
            text(response, callback, 404, "No dashboard page " + path);
        }
    }

    private ApiResponse api(Request request, Response response, String path) throws Exception {
        String method = request.getMethod();
        HttpFields headers = request.getHeaders();
        if (headers.contains(HttpHeader.AUTHORIZATION)) {
            throw new GatewayException(ErrorCategory.AUTHENTICATION,
                    "The dashboard API takes the session cookie, not a token: sign in at /ui/, or call /api/2.0/… with the token");
        }
        if (path.equals(SESSION) && method.equals("POST")) {
            return signIn(request, response);
        }
        Optional<String> id = SessionCookie.read(headers);
        Optional<Sessions.Active> active = id.flatMap(sessions::find);
        if (active.isEmpty()) {
            if (id.isPresent() || headers.contains(HttpHeader.COOKIE)) {
                response.getHeaders().add(HttpHeader.SET_COOKIE, SessionCookie.expired(secureCookie(request)));
            }
            throw new GatewayException(ErrorCategory.AUTHENTICATION, "Not signed in, or the session ended: sign in at /ui/");
        }
        Sessions.Active session = active.get();
        boolean changes = !method.equals("GET") && !method.equals("HEAD");
        if (changes && !Csrf.sameOrigin(headers)) {
            throw new GatewayException(ErrorCategory.PERMISSION, "Refused: the request does not come from a dashboard page of this gateway");
        }
        if (changes && !Csrf.tokenMatches(session.session().csrf(), headers.get(Csrf.HEADER))) {
            throw new GatewayException(ErrorCategory.PERMISSION, "Refused: missing or wrong " + Csrf.HEADER + " header; reload the page");
        }
        if (path.equals(SESSION)) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(sessionJson(session.caller(), session.session()));
                case "DELETE" -> {
                    sessions.end(session.session());
                    response.getHeaders().add(HttpHeader.SET_COOKIE, SessionCookie.expired(secureCookie(request)));
                    yield ApiResponse.ok(null);
                }
                default -> throw new GatewayException(ErrorCategory.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed on " + path);
            };
        }
        byte[] body = changes ? RequestBodies.read(request, MAX_BODY) : new byte[0];
        Map<String, List<String>> query = ApiDispatcher.queryLists(request);
        if (path.startsWith(AdminForward.PREFIX)) {
            return admin.forward(session.caller(), method, path, query, body);
        }
        return data.invoke(session.caller(), method, path, query, body);
    }

    private ApiResponse signIn(Request request, Response response) throws IOException {
        if (!Csrf.sameOrigin(request.getHeaders())) {
            throw new GatewayException(ErrorCategory.PERMISSION, "Refused: sign in from the dashboard page of this gateway");
        }
        String ip = Request.getRemoteAddr(request);
        if (!signInLimit.mayTry(ip)) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, SignInLimit.WINDOW.toSeconds());
            throw new GatewayException(ErrorCategory.RATE_LIMITED, "Too many failed sign-ins from this address: wait a minute");
        }
        String token;
        try {
            JsonNode body = JSON.readTree(RequestBodies.read(request, MAX_SIGN_IN_BODY));
            token = body == null ? null : body.path("token").textValue();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new GatewayException(ErrorCategory.INVALID_REQUEST, "Send {\"token\": \"lg_…\"} as JSON");
        }
        if (token == null || token.isBlank()) {
            throw new GatewayException(ErrorCategory.INVALID_REQUEST, "Send {\"token\": \"lg_…\"} as JSON");
        }
        Optional<Caller> caller = authenticator.authenticate(token.trim()).filter(c -> c.tokenId() != null);
        if (caller.isEmpty()) {
            signInLimit.failed(ip);
            throw new GatewayException(ErrorCategory.AUTHENTICATION, "Sign-in failed: the token is unknown, revoked or expired");
        }
        Sessions.Opened opened = sessions.open(caller.get());
        response.getHeaders().add(HttpHeader.SET_COOKIE,
                SessionCookie.set(opened.id(), sessions.maxAgeSeconds(opened.session()), secureCookie(request)));
        return ApiResponse.ok(sessionJson(opened.caller(), opened.session()));
    }

    private static ObjectNode sessionJson(Caller caller, SessionStore.Session session) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("user").put("name", caller.principal().name()).put("admin", caller.principal().admin());
        node.put("csrf", session.csrf());
        node.put("expires_at", session.expiresAt().toString());
        return node;
    }

    private boolean secureCookie(Request request) {
        return config.secureCookie(request.isSecure());
    }

    /** Whether {@code rest} names a file under the assets folder: plain segments only, nothing encoded in the raw path. */
    private static boolean assetPath(Request request, String rest) {
        String raw = request.getHttpURI().getPath();
        if (raw == null || raw.indexOf('%') >= 0 || raw.indexOf('\\') >= 0) {
            return false;
        }
        for (String segment : rest.split("/", -1)) {
            if (!ASSET_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return CONTENT_TYPES.containsKey(extension(rest));
    }

    private Optional<StaticFile> file(String resource) {
        return files.computeIfAbsent(resource, r -> {
            String type = CONTENT_TYPES.get(extension(r));
            try (InputStream in = DashboardHandler.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null || type == null) {
                    return Optional.empty();
                }
                byte[] bytes = in.readAllBytes();
                return Optional.of(new StaticFile(bytes, type, etag(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void serve(Request request, Response response, Callback callback, Optional<StaticFile> found, String cacheControl) {
        if (found.isEmpty()) {
            text(response, callback, 404, "No dashboard file " + request.getHttpURI().getPath());
            return;
        }
        StaticFile file = found.get();
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CACHE_CONTROL, cacheControl);
        headers.put(HttpHeader.ETAG, file.etag());
        String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null && List.of(ifNoneMatch.split(",")).stream().map(String::trim).anyMatch(file.etag()::equals)) {
            response.setStatus(304);
            callback.succeeded();
            return;
        }
        response.setStatus(200);
        headers.put(HttpHeader.CONTENT_TYPE, file.contentType());
        headers.put(HttpHeader.CONTENT_LENGTH, file.bytes().length);
        response.write(true, request.getMethod().equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(file.bytes()), callback);
    }

    private static void text(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
