package dev.lakegate.protocol.openai.chat;

import static dev.lakegate.protocol.canonical.request.RequestFixtures.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.request.CanonicalRequest;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.canonical.request.Message;
import dev.lakegate.protocol.canonical.request.RequestCodec;
import dev.lakegate.protocol.canonical.request.RequestFixtures;
import dev.lakegate.protocol.canonical.request.Sampling;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestCodecTest {
    private static final RequestCodec CODEC = RequestCodec.of(WireProtocol.OPENAI_CHAT);

    @Test
    void decodesRolesToolMessagesAndDataUrls() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.OPENAI_CHAT, "tools");

        assertThat(r.messages()).extracting(Message::role).containsExactly(Message.Role.USER, Message.Role.ASSISTANT, Message.Role.USER,
                Message.Role.USER, Message.Role.ASSISTANT, Message.Role.USER, Message.Role.ASSISTANT, Message.Role.USER);
        assertThat(r.messages().get(1).content().get(1)).isEqualTo(new ContentBlock.ToolUse("call_01Weather", "get_weather",
                Json.object().put("city", "Paris"), r.messages().get(1).content().get(1).extras()));
        assertThat(r.messages().get(2).content()).singleElement().isInstanceOfSatisfying(ContentBlock.ToolResult.class,
                t -> assertThat(t.toolUseId()).isEqualTo("call_01Weather"));
        CanonicalRequest image = RequestFixtures.scenario(WireProtocol.OPENAI_CHAT, "image");
        assertThat(((ContentBlock.Image) image.messages().getFirst().content().get(1)).source())
                .isInstanceOfSatisfying(ContentBlock.Image.Base64.class, b -> assertThat(b.mediaType()).isEqualTo("image/png"));
    }

    @Test
    void rawArgumentStringsGoBackByteExactToChat() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.OPENAI_CHAT, "tools");

        assertThat(encode(r, WireProtocol.OPENAI_CHAT).at("/messages/1/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(encode(r, WireProtocol.OPENAI_RESPONSES).at("/input/2/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void longToolIdsAreHashedToFortyCharactersConsistently() {
        String id = "toolu_" + "x".repeat(60);
        CanonicalRequest r = CanonicalRequest.builder().messages(List.of(
                new Message(Message.Role.ASSISTANT, List.of(new ContentBlock.ToolUse(id, "f", Json.object()))),
                new Message(Message.Role.USER, List.of(new ContentBlock.ToolResult(id, List.of(new ContentBlock.Text("ok")), false, Extras.NONE))))).build();

        JsonNode body = encode(r, WireProtocol.OPENAI_CHAT);

        String call = body.at("/messages/0/tool_calls/0/id").asText();
        assertThat(call).hasSizeLessThanOrEqualTo(40).isEqualTo(body.at("/messages/1/tool_call_id").asText());
    }

    @Test
    void imagesReturnedByAToolFollowAsAUserMessage() {
        ContentBlock.Image image = new ContentBlock.Image(new ContentBlock.Image.Base64("image/png", "AAAA"), Extras.NONE);
        CanonicalRequest r = CanonicalRequest.builder().messages(List.of(
                new Message(Message.Role.ASSISTANT, List.of(new ContentBlock.ToolUse("c1", "screenshot", Json.object()))),
                new Message(Message.Role.USER, List.of(new ContentBlock.ToolResult("c1", List.of(new ContentBlock.Text("taken"), image), false,
                        Extras.NONE))))).build();

        JsonNode body = encode(r, WireProtocol.OPENAI_CHAT);

        assertThat(body.at("/messages/1")).isEqualTo(RequestFixtures.tree("{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"taken\"}"));
        assertThat(body.at("/messages/2/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/2/content/0/image_url/url").asText()).isEqualTo("data:image/png;base64,AAAA");
    }

    @Test
    void streamingAlwaysAsksForUsageAndLongUserIdsAreHashed() {
        CanonicalRequest r = RequestFixtures.decode("anthropic/request/captured/claude-code-text.json");

        JsonNode body = encode(r, WireProtocol.OPENAI_CHAT);

        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(body.at("/user").asText()).hasSize(64).matches("[0-9a-f]+");
        assertThat(body.at("/reasoning_effort").asText()).isEqualTo("high");
    }

    @Test
    void keepsAtMostFourStopSequencesAndTheLegacyMaxTokensFieldForChatClients() {
        CanonicalRequest r = RequestFixtures.scenario(WireProtocol.ANTHROPIC, "conversation").toBuilder()
                .sampling(new Sampling(100, null, null, null, List.of("a", "b", "c", "d", "e"))).build();
        assertThat(encode(r, WireProtocol.OPENAI_CHAT).at("/stop")).hasSize(4);

        CanonicalRequest legacy = RequestFixtures.scenario(WireProtocol.OPENAI_CHAT, "image");
        assertThat(encode(legacy, WireProtocol.OPENAI_CHAT).at("/max_tokens").asInt()).isEqualTo(512);
        assertThat(encode(legacy, WireProtocol.ANTHROPIC).at("/max_tokens").asInt()).isEqualTo(512);
    }

    @Test
    void invalidToolArgumentsNameTheField() {
        byte[] body = """
                {"model":"m","messages":[{"role":"user","content":"hi"},
                 {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}"""
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RequestFixtures.invalidRequest(() -> CODEC.decode(body)))
                .startsWith("Cannot parse messages[1].tool_calls[0].function.arguments: not valid JSON");
    }
}
