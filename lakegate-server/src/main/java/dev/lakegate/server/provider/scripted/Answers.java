package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.CanonicalResponse;
import dev.lakegate.protocol.canonical.ContentBlock;
import dev.lakegate.protocol.canonical.Json;
import dev.lakegate.protocol.canonical.StopReason;
import dev.lakegate.protocol.usage.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Turns a script (or none) and a request into the canonical answer the writers put on the wire. */
final class Answers {
    static final String INLINE_MARKER = "lakegate-script:";
    private static final int ECHO_CHARS = 200;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Answers() {}

    static CanonicalResponse answer(Script script, VendorCall call, int requestChars) {
        List<ContentBlock> content = new ArrayList<>();
        long reasoningChars = 0;
        if (script.thinking() != null) {
            content.add(new ContentBlock.Thinking(script.thinking().text(), script.thinking().signature()));
            reasoningChars = script.thinking().text().length();
        }
        String text = script.text();
        if (text == null && script.toolCalls().isEmpty()) {
            text = defaultText(call);
        }
        if (text != null) {
            content.add(new ContentBlock.Text(text));
        }
        for (Script.ToolCall t : script.toolCalls()) {
            content.add(new ContentBlock.ToolUse(id(toolCallPrefix(call.protocol())), t.name(), t.arguments()));
        }
        StopReason stop = script.stopReason() != null ? script.stopReason()
                : script.toolCalls().isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE;
        Usage usage = script.usage() != null ? script.usage() : estimate(content, requestChars, reasoningChars);
        return new CanonicalResponse(responseId(call.protocol()), call.model(), content, stop, usage);
    }

    /** The script written in the prompt after {@code lakegate-script:}, or null when there is none. */
    static Script inline(String lastUserText) {
        int at = lastUserText.indexOf(INLINE_MARKER);
        if (at < 0) {
            return null;
        }
        try (JsonParser p = MAPPER.createParser(lastUserText.substring(at + INLINE_MARKER.length()))) {
            JsonNode json = MAPPER.readTree(p); // reads the first JSON value only; prose may follow it
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("Cannot read inline script: '" + INLINE_MARKER + "' must be followed by a JSON object");
            }
            return Script.fromJson(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot read inline script after '" + INLINE_MARKER + "': " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail otherwise
        }
    }

    static String defaultText(VendorCall call) {
        String said = call.lastUserText();
        if (said.length() > ECHO_CHARS) {
            int end = Character.isHighSurrogate(said.charAt(ECHO_CHARS - 1)) ? ECHO_CHARS - 1 : ECHO_CHARS;
            said = said.substring(0, end);
        }
        return "Hello from the Lakegate scripted model " + call.model() + ". You said: " + said;
    }

    /** The gateway's own (characters + 1) / 4 estimate, so tests can predict the counts. */
    private static Usage estimate(List<ContentBlock> content, int requestChars, long reasoningChars) {
        long outputChars = 0;
        for (ContentBlock b : content) {
            outputChars += switch (b) {
                case ContentBlock.Text t -> t.text().length();
                case ContentBlock.Thinking t -> t.text().length();
                case ContentBlock.ToolUse t -> Json.string(t.input()).length() + t.name().length();
            };
        }
        return new Usage(Usage.estimateTokens(requestChars), Usage.estimateTokens(outputChars), 0, 0,
                reasoningChars == 0 ? 0 : Usage.estimateTokens(reasoningChars), false);
    }

    private static String responseId(WireProtocol p) {
        return switch (p) {
            case ANTHROPIC -> id("msg_");
            case OPENAI_CHAT -> id("chatcmpl-");
            case OPENAI_RESPONSES -> id("resp_");
            case GEMINI -> id("");
        };
    }

    private static String toolCallPrefix(WireProtocol p) {
        return switch (p) {
            case ANTHROPIC -> "toolu_";
            case OPENAI_CHAT, OPENAI_RESPONSES, GEMINI -> "call_";
        };
    }

    /** A vendor-looking random id: prefix plus 24 hex digits. */
    static String id(String prefix) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }
}
