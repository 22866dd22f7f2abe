package dev.lakegate.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** The error shape both OpenAI APIs share: {@code {"error":{"message","type","param","code"}}}. */
final class OpenAiErrors {
    private OpenAiErrors() {}

    static ClientDialect.ErrorBody read(JsonNode body) {
        JsonNode error = body.path("error");
        assertThat(error.isObject()).as("OpenAI error object in %s", body).isTrue();
        assertThat(error.path("message").isTextual()).as("OpenAI error.message in %s", body).isTrue();
        assertThat(error.path("type").isTextual()).as("OpenAI error.type in %s", body).isTrue();
        assertThat(error.has("param") && error.has("code")).as("OpenAI error.param and error.code (null allowed) in %s", body).isTrue();
        String name = error.path("code").isTextual() ? error.path("code").asText() : error.path("type").asText();
        return new ClientDialect.ErrorBody(name, error.path("message").asText(), null);
    }

    /** OpenAI's own: 429 says code rate_limit_exceeded, 5xx type server_error (code null). */
    static String name(int status) {
        if (status == 429) {
            return "rate_limit_exceeded";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
}
