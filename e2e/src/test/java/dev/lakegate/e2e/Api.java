package dev.lakegate.e2e;

import dev.lakegate.server.testing.TestGateway;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * The agent-facing generation APIs, each with a minimal valid request and the checks of its own
 * error shape (SPEC §1): Anthropic {@code {"type":"error","error":{"type","message"}}}, OpenAI
 * {@code {"error":{"message","type","param","code"}}}, Gemini {@code {"error":{"code","message","status"}}}.
 */
enum Api {
    ANTHROPIC(Format.ANTHROPIC, TestGateway.CLAUDE, TestGateway.CLAUDE_UPSTREAM),
    OPENAI_CHAT(Format.OPENAI, TestGateway.GPT, TestGateway.GPT_UPSTREAM),
    OPENAI_RESPONSES(Format.OPENAI, TestGateway.GPT, TestGateway.GPT_UPSTREAM),
    CURSOR_CHAT(Format.OPENAI, TestGateway.CURSOR, TestGateway.CURSOR_UPSTREAM),
    GEMINI(Format.GEMINI, TestGateway.GEMINI, TestGateway.GEMINI_UPSTREAM);

    enum Format { ANTHROPIC, OPENAI, GEMINI }

    final Format format;
    final String endpoint;
    final String upstreamModel;

    Api(Format format, String endpoint, String upstreamModel) {
        this.format = format;
        this.endpoint = endpoint;
        this.upstreamModel = upstreamModel;
    }

    /** Path and query of a request for {@code model}; Gemini puts the model in the path and streams with {@code alt=sse}. */
    String path(String model, boolean stream) {
        return switch (this) {
            case ANTHROPIC -> "/anthropic/v1/messages";
            case OPENAI_CHAT -> "/openai/v1/chat/completions";
            case OPENAI_RESPONSES -> "/openai/v1/responses";
            case CURSOR_CHAT -> "/cursor/v1/chat/completions";
            case GEMINI -> "/gemini/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        };
    }

    /** A valid request body; {@code padding} extra characters of prompt make it as large as needed. */
    byte[] body(String model, boolean stream, int padding) {
        String prompt = "Say hello." + " ".repeat(padding);
        String json = switch (this) {
            case ANTHROPIC -> """
                    {"model":"%s","max_tokens":256,"stream":%s,"messages":[{"role":"user","content":"%s"}]}"""
                    .formatted(model, stream, prompt);
            case OPENAI_CHAT, CURSOR_CHAT -> """
                    {"model":"%s","stream":%s,"messages":[{"role":"user","content":"%s"}]}""".formatted(model, stream, prompt);
            case OPENAI_RESPONSES -> """
                    {"model":"%s","stream":%s,"input":"%s"}""".formatted(model, stream, prompt);
            case GEMINI -> """
                    {"contents":[{"role":"user","parts":[{"text":"%s"}]}]}""".formatted(prompt);
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks an error body's shape and names for a status.
     *
     * @param anthropicType Anthropic's {@code error.type}
     * @param openAiCode OpenAI's {@code error.code} (null where OpenAI sends null)
     * @param googleStatus Gemini's {@code error.status}
     */
    void assertErrorBody(JsonNode body, int status, String anthropicType, String openAiCode, String googleStatus, String messagePart,
            String requestId) {
        String what = this + " error body " + body;
        switch (format) {
            case ANTHROPIC -> {
                assertThat(body.path("type").asText()).as(what).isEqualTo("error");
                assertThat(body.path("error").path("type").asText()).as(what).isEqualTo(anthropicType);
                assertThat(body.path("error").path("message").asText()).as(what).contains(messagePart);
                assertThat(body.path("request_id").asText()).as(what + ": request_id is the x-request-id header").isEqualTo(requestId);
            }
            case OPENAI -> {
                JsonNode error = body.path("error");
                assertThat(error.isObject()).as(what).isTrue();
                for (String field : new String[] {"message", "type", "param", "code"}) {
                    assertThat(error.has(field)).as(what + ": has " + field).isTrue();
                }
                assertThat(error.path("message").asText()).as(what).contains(messagePart);
                assertThat(error.path("type").asText()).as(what).isEqualTo("invalid_request_error");
                assertThat(error.path("code").isNull() ? null : error.path("code").asText()).as(what).isEqualTo(openAiCode);
            }
            case GEMINI -> {
                JsonNode error = body.path("error");
                assertThat(error.path("code").isInt()).as(what + ": code is a number").isTrue();
                assertThat(error.path("code").asInt()).as(what).isEqualTo(status);
                assertThat(error.path("status").asText()).as(what).isEqualTo(googleStatus);
                assertThat(error.path("message").asText()).as(what).contains(messagePart);
            }
        }
    }

    /** Whether an SSE event ({@code [name, data]}) is this API's in-stream error. */
    boolean isErrorEvent(String[] event) {
        return switch (this) {
            case ANTHROPIC -> "error".equals(event[0]);
            case OPENAI_RESPONSES -> "response.failed".equals(event[0]) || "error".equals(event[0]);
            case OPENAI_CHAT, CURSOR_CHAT, GEMINI -> event[1].startsWith("{\"error\"");
        };
    }
}
