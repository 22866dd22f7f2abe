package dev.lakegate.e2e;

import dev.lakegate.server.testing.TestGateway;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.observe.RequestRecord;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plain-HTTP refusals on every generation API: each bad request gets the right 4xx in its surface's
 * own error format (never a 5xx), reaches no provider, and is recorded with its status.
 */
class SurfaceErrorsTest {
    private static final int MAX_REQUEST_BYTES = 1024;

    private static TestGateway gateway;
    private static TestGateway.Token valid;
    private static TestGateway.Token revoked;
    private static TestGateway.Token expired;

    /** What is wrong with the request, and how each surface must answer it. */
    enum Case {
        NO_TOKEN(401, "authentication_error", "invalid_api_key", "UNAUTHENTICATED", "No credential"),
        REVOKED_TOKEN(401, "authentication_error", "invalid_api_key", "UNAUTHENTICATED", "Invalid token"),
        EXPIRED_TOKEN(401, "authentication_error", "invalid_api_key", "UNAUTHENTICATED", "Invalid token"),
        UNKNOWN_MODEL(404, "not_found_error", "model_not_found", "NOT_FOUND", "no-such-endpoint"),
        MALFORMED_JSON(400, "invalid_request_error", null, "INVALID_ARGUMENT", "JSON"),
        TEXT_PLAIN(415, "invalid_request_error", "unsupported_media_type", "INVALID_ARGUMENT", "Content-Type"),
        OVERSIZED_BODY(413, "request_too_large", "request_too_large", "INVALID_ARGUMENT", "max_request_bytes"),
        OVERSIZED_CHUNKED_BODY(413, "request_too_large", "request_too_large", "INVALID_ARGUMENT", "max_request_bytes");

        final int status;
        final String anthropicType;
        final String openAiCode;
        final String googleStatus;
        final String messagePart;

        Case(int status, String anthropicType, String openAiCode, String googleStatus, String messagePart) {
            this.status = status;
            this.anthropicType = anthropicType;
            this.openAiCode = openAiCode;
            this.googleStatus = googleStatus;
            this.messagePart = messagePart;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start("max_request_bytes: " + MAX_REQUEST_BYTES);
        valid = gateway.createToken("surface errors: valid", null);
        revoked = gateway.createToken("surface errors: revoked", null);
        expired = gateway.createToken("surface errors: expires in 1 s", 1L);
        long created = System.nanoTime();
        // Use both while they are good, so that a cached "valid" answer would have to be forgotten.
        assertThat(listModels(revoked).statusCode()).as("the token to revoke works before revocation").isEqualTo(200);
        assertThat(listModels(expired).statusCode()).as("the 1-second token works before it expires").isEqualTo(200);
        gateway.revokeToken(revoked);
        long waitMs = 2_500 - (System.nanoTime() - created) / 1_000_000;
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    static Stream<Arguments> refusals() {
        return Arrays.stream(Api.values()).flatMap(api -> Arrays.stream(Case.values()).map(c -> Arguments.of(api, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusals")
    void refused(Api api, Case c) throws Exception {
        int upstreamBefore = gateway.scripted().requests().size();

        HttpResponse<String> response = gateway.send(request(api, c));

        String what = api + " " + c + " answered " + response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(what).isLessThan(500).isEqualTo(c.status);
        assertThat(response.headers().firstValue("content-type").orElse("")).as(what).startsWith("application/json");
        String requestId = response.headers().firstValue("x-request-id").orElse(null);
        assertThat(requestId).as(what + ": x-request-id").isNotBlank();
        JsonNode body = TestGateway.JSON.readTree(response.body());
        api.assertErrorBody(body, c.status, c.anthropicType, c.openAiCode, c.googleStatus, c.messagePart, requestId);
        if (c == Case.UNKNOWN_MODEL && api.format == Api.Format.OPENAI) {
            assertThat(body.path("error").path("param").asText()).as(what).isEqualTo("model");
        }
        assertThat(gateway.scripted().requests()).as(what + ": nothing may reach the provider").hasSize(upstreamBefore);
        RequestRecord record = gateway.awaitRecord(requestId);
        assertThat(record.statusCode()).as(what + ": recorded status").isEqualTo(c.status);
        assertThat(record.errorType()).as(what + ": recorded error type").isNotBlank();
    }

    /** The control: the same request with nothing wrong succeeds, so each refusal above is about the one thing changed. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Api.class)
    void validRequestSucceeds(Api api) throws Exception {
        HttpResponse<String> response = gateway.post(api.path(api.endpoint, false), api.body(api.endpoint, false, 0), valid.secret(),
                "application/json");
        assertThat(response.statusCode()).as(api + " answered " + response.body()).isEqualTo(200);
    }

    private static HttpRequest request(Api api, Case c) {
        String model = c == Case.UNKNOWN_MODEL ? "no-such-endpoint" : api.endpoint;
        String contentType = c == Case.TEXT_PLAIN ? "text/plain" : "application/json";
        String token = switch (c) {
            case NO_TOKEN -> null;
            case REVOKED_TOKEN -> revoked.secret();
            case EXPIRED_TOKEN -> expired.secret();
            default -> valid.secret();
        };
        byte[] good = api.body(model, false, 0);
        byte[] body = switch (c) {
            case MALFORMED_JSON -> Arrays.copyOf(good, good.length - 3);
            case OVERSIZED_BODY, OVERSIZED_CHUNKED_BODY -> api.body(model, false, 3 * MAX_REQUEST_BYTES);
            default -> good;
        };
        // Without a length the body is sent chunked, and the gateway must stop reading it at the limit.
        HttpRequest.BodyPublisher publisher = c == Case.OVERSIZED_CHUNKED_BODY
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return gateway.request(api.path(model, false), token, contentType).POST(publisher).build();
    }

    private static HttpResponse<String> listModels(TestGateway.Token token) throws Exception {
        return gateway.send(gateway.request("/openai/v1/models", token.secret(), null).GET().build());
    }
}
