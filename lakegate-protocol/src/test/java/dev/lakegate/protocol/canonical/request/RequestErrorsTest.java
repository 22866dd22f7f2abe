package dev.lakegate.protocol.canonical.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.error.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed input is an INVALID_REQUEST whose message names the field. */
class RequestErrorsTest {

    private static String error(WireProtocol protocol, String body) {
        return RequestFixtures.invalidRequest(() -> RequestCodec.of(protocol).decode(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ANTHROPIC        | ''                                                               | Request body is empty
            ANTHROPIC        | [1,2]                                                            | Request body must be a JSON object
            OPENAI_CHAT      | {"model":                                                        | Cannot parse request body:
            ANTHROPIC        | {"model":"m"}                                                    | Cannot parse messages: missing
            ANTHROPIC        | {"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":[{"text":"x"}]}]} | Cannot parse messages[2].content[0].type: missing
            ANTHROPIC        | {"messages":[{"role":"tool","content":"a"}]}                     | Cannot parse messages[0].role: expected user, assistant or system, got 'tool'
            ANTHROPIC        | {"max_tokens":"many","messages":[]}                              | Cannot parse max_tokens: expected an integer, got a string
            ANTHROPIC        | {"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64"}}]}]} | Cannot parse messages[0].content[0].source.media_type: missing
            ANTHROPIC        | {"messages":[],"thinking":{"type":"sometimes"}}                  | Cannot parse thinking.type: expected enabled, adaptive or disabled
            OPENAI_CHAT      | {"messages":[{"role":"user","content":[{"type":"image_url"}]}]}  | Cannot parse messages[0].content[0].image_url: missing
            OPENAI_CHAT      | {"messages":[],"tool_choice":"sometimes"}                        | Cannot parse tool_choice: expected auto, none, required
            OPENAI_CHAT      | {"messages":[],"reasoning_effort":"huge"}                        | Cannot parse reasoning_effort: expected none, minimal, low, medium, high or xhigh
            OPENAI_RESPONSES | {"model":"m"}                                                    | Cannot parse input: missing
            OPENAI_RESPONSES | {"input":[{"type":"function_call","name":"f","arguments":"{}"}]} | Cannot parse input[0].call_id: missing
            OPENAI_RESPONSES | {"input":[{"type":"function_call","call_id":"c","name":"f","arguments":"[1]"}]} | Cannot parse input[0].arguments: expected a JSON object
            GEMINI           | {"contents":{}}                                                  | Cannot parse contents: expected an array, got an object
            GEMINI           | {"contents":[{"role":"bot","parts":[]}]}                          | Cannot parse contents[0].role: expected user or model, got 'bot'
            GEMINI           | {"contents":[],"generationConfig":{"temperature":"hot"}}         | Cannot parse generationConfig.temperature: expected a number, got a string
            """)
    void namesTheField(WireProtocol protocol, String body, String message) {
        assertThat(error(protocol, body)).startsWith(message);
    }

    @Test
    void carriesTheFieldAsParam() {
        try {
            RequestCodec.of(WireProtocol.ANTHROPIC).decode("{\"messages\":[{\"role\":\"user\",\"content\":7}]}".getBytes(StandardCharsets.UTF_8));
        } catch (GatewayException e) {
            assertThat(e.getMessage()).isEqualTo("Cannot parse messages[0].content: expected an array, got a number");
            assertThat(e.error().param()).contains("messages[0].content");
            return;
        }
        throw new AssertionError("expected an error");
    }
}
