package dev.lakegate.protocol.canonical;

import dev.lakegate.protocol.WireProtocol;
import dev.lakegate.protocol.canonical.Fixtures.Scenario;
import dev.lakegate.protocol.canonical.request.Extras;
import dev.lakegate.protocol.usage.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers decoders must give back after a writer wrote them, and what each protocol can carry of
 * an answer. Losses by protocol (the rest survives, ids and models included):
 * <ul>
 *   <li>Anthropic: no reasoning token count; stop ERROR reads back as END_TURN, CONTENT_FILTER as REFUSAL;
 *       redacted thinking only in unary bodies (no stream event carries it).
 *   <li>OpenAI Chat: no thinking at all; no cache writes; STOP_SEQUENCE, PAUSE_TURN, REFUSAL, ERROR read back as END_TURN.
 *   <li>OpenAI Responses: no cache writes; STOP_SEQUENCE, PAUSE_TURN, REFUSAL read back as END_TURN; TOOL_USE
 *       only when there are tool calls (it is inferred from them).
 *   <li>Gemini: no cache writes; tool call ids (synthesized as {@code call_<name>_<n>}); STOP_SEQUENCE and
 *       PAUSE_TURN read back as END_TURN, REFUSAL as CONTENT_FILTER; TOOL_USE inferred from the calls.
 *   <li>All but Anthropic: redacted thinking. All: adjacent text blocks merge (the stream has no boundary).
 * </ul>
 */
public final class DecodeCases {
    private DecodeCases() {}

    /** Fixtures' scenarios plus answers that exercise what they do not. */
    public static Map<String, CanonicalResponse> all() {
        Map<String, CanonicalResponse> cases = new LinkedHashMap<>();
        for (Scenario s : Scenario.values()) {
            cases.put(Fixtures.fileName(s), Fixtures.response(s));
        }
        cases.put("single-tool", new CanonicalResponse("id_single01", "m-1", List.of(
                new ContentBlock.ToolUse("toolu_01", "Bash", Json.parse("{\"command\":\"echo \\\"hi\\\" }\",\"opts\":{\"n\":[1,{\"x\":null}]}}", "args"))),
                StopReason.TOOL_USE, new Usage(10, 3, 0, 0, 0, false)));
        cases.put("thinking-tool", new CanonicalResponse("id_tt01", "m-2", List.of(
                new ContentBlock.Thinking("Need the weather. ", "sig-abc=="),
                new ContentBlock.Text("Checking Zürich 🌧…"),
                new ContentBlock.ToolUse("call_w", "get_weather", Json.parse("{\"city\":\"Zürich 🌧\"}", "args")),
                new ContentBlock.ToolUse("call_e", "list_files", Json.object())),
                StopReason.TOOL_USE, new Usage(200, 40, 150, 0, 12, false)));
        cases.put("redacted", new CanonicalResponse("id_red01", "m-3", List.of(
                new ContentBlock.Thinking("Hmm.", "sig-1"),
                new ContentBlock.RedactedThinking("EncryptedBlob", Extras.of(WireProtocol.ANTHROPIC)),
                new ContentBlock.Text("Done.")),
                StopReason.END_TURN, new Usage(5, 5, 0, 0, 0, false)));
        cases.put("filtered", new CanonicalResponse("id_filt01", "m-4", List.of(new ContentBlock.Text("I can")),
                StopReason.CONTENT_FILTER, new Usage(9, 2, 0, 0, 0, false)));
        cases.put("unsigned-thinking", new CanonicalResponse("id_us01", "m-5", List.of(
                new ContentBlock.Thinking("Plain thoughts", null), new ContentBlock.Text("Answer")),
                StopReason.MAX_TOKENS, new Usage(7, 64, 0, 0, 60, false)));
        return cases;
    }

    /** The part of {@code r} that survives a trip through protocol {@code p}. */
    public static CanonicalResponse carried(WireProtocol p, CanonicalResponse r, boolean streamed) {
        List<ContentBlock> blocks = new ArrayList<>();
        int calls = 0;
        for (ContentBlock b : r.content()) {
            if (b instanceof ContentBlock.Thinking && p == WireProtocol.OPENAI_CHAT
                    || b instanceof ContentBlock.RedactedThinking && (p != WireProtocol.ANTHROPIC || streamed)) {
                continue;
            }
            if (b instanceof ContentBlock.ToolUse t) {
                b = p == WireProtocol.GEMINI ? new ContentBlock.ToolUse("call_" + t.name() + "_" + calls, t.name(), t.input()) : b;
                calls++;
            }
            blocks.add(b);
        }
        Usage u = r.usage();
        Usage usage = p == WireProtocol.ANTHROPIC
                ? new Usage(u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheCreationTokens(), u.cacheCreation1hTokens(), 0, false)
                : new Usage(u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), 0, u.reasoningTokens(), false);
        StopReason stop = stop(p, r.stopReason());
        if (stop == StopReason.END_TURN && calls > 0) {
            stop = StopReason.TOOL_USE;
        }
        return new CanonicalResponse(r.id(), r.model(), blocks, stop, usage);
    }

    private static StopReason stop(WireProtocol p, StopReason s) {
        return switch (p) {
            case ANTHROPIC -> switch (s) {
                case ERROR -> StopReason.END_TURN;
                case CONTENT_FILTER -> StopReason.REFUSAL;
                default -> s;
            };
            case OPENAI_CHAT -> switch (s) {
                case STOP_SEQUENCE, PAUSE_TURN, REFUSAL, ERROR -> StopReason.END_TURN;
                default -> s;
            };
            case OPENAI_RESPONSES -> switch (s) {
                case STOP_SEQUENCE, PAUSE_TURN, REFUSAL, TOOL_USE -> StopReason.END_TURN;
                default -> s;
            };
            case GEMINI -> switch (s) {
                case STOP_SEQUENCE, PAUSE_TURN, TOOL_USE -> StopReason.END_TURN;
                case REFUSAL -> StopReason.CONTENT_FILTER;
                default -> s;
            };
        };
    }
}
