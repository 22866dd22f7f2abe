package dev.lakegate.bench.peers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake upstream's answers, encoded once: OpenAI Chat Completions and Anthropic Messages, unary
 * (~600 bytes with usage) and streamed, in the vendors' wire shapes (field order and SSE framing as
 * their APIs send them). A stream is a list of frames, each written and flushed on its own.
 */
public final class Wire {
    /** Content events of an unpaced stream (OpenAI: role chunk + content + finish chunk; Anthropic: deltas). */
    static final int STREAM_EVENTS = 50;
    /** Events of a paced stream, sent {@link #PACE_MS} apart. */
    public static final int PACED_EVENTS = 64;
    static final long PACE_MS = 20;

    private static final String WORD = " lorem";
    /** The answer's text, its length chosen so that each unary body is about 600 bytes (Chat's envelope is the larger). */
    private static final String CHAT_TEXT = text(4);
    private static final String MESSAGES_TEXT = text(30);
    private static final String CREATED = "1764288000";
    private static final String CHAT_ID = "chatcmpl-BenchA1b2C3d4E5f6G7h8I9j0K1l2";
    private static final String MSG_ID = "msg_01BenchA1b2C3d4E5f6G7h8I9j0";

    static final byte[] CHAT_UNARY = bytes("{\"id\":\"" + CHAT_ID + "\",\"object\":\"chat.completion\",\"created\":" + CREATED
            + ",\"model\":\"gpt-bench-2026-01-01\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + CHAT_TEXT
            + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
            + "\"completion_tokens\":48,\"total_tokens\":60,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
            + "\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench01\"}");

    static final byte[] MESSAGES_UNARY = bytes("{\"id\":\"" + MSG_ID + "\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-bench-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"" + MESSAGES_TEXT + "\"}],\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
            + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":48,"
            + "\"service_tier\":\"standard\"}}");

    static final List<byte[]> CHAT_STREAM = chatStream(STREAM_EVENTS);
    static final List<byte[]> CHAT_PACED = chatStream(PACED_EVENTS);
    static final List<byte[]> MESSAGES_STREAM = messagesStream(STREAM_EVENTS);
    static final List<byte[]> MESSAGES_PACED = messagesStream(PACED_EVENTS);

    private Wire() {}

    /** {@code events} chunk events (role, content, finish), then the usage chunk and {@code [DONE]}. */
    private static List<byte[]> chatStream(int events) {
        String head = "data: {\"id\":\"" + CHAT_ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":\"gpt-bench-2026-01-01\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench01\",\"choices\":";
        List<byte[]> frames = new ArrayList<>();
        frames.add(bytes(head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"));
        for (int i = 1; i < events - 1; i++) {
            frames.add(bytes(head + "[{\"index\":0,\"delta\":{\"content\":\"" + (i == 1 ? "Hello" : WORD)
                    + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"));
        }
        frames.add(bytes(head + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"));
        frames.add(bytes(head + "[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + (events - 2) + ",\"total_tokens\":"
                + (events + 10) + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n"));
        frames.add(bytes("data: [DONE]\n\n"));
        return List.copyOf(frames);
    }

    /** message_start and content_block_start, {@code deltas} text deltas, then block stop, message_delta with usage, message_stop. */
    private static List<byte[]> messagesStream(int deltas) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(bytes(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + MSG_ID + "\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-bench-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":"
                + "{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1,\"service_tier\":\"standard\"}}}")));
        frames.add(bytes(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")));
        for (int i = 0; i < deltas; i++) {
            frames.add(bytes(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                    + (i == 0 ? "Hello" : WORD) + "\"}}")));
        }
        frames.add(bytes(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")));
        frames.add(bytes(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":" + deltas + "}}")));
        frames.add(bytes(event("message_stop", "{\"type\":\"message_stop\"}")));
        return List.copyOf(frames);
    }

    private static String text(int words) {
        return "Hello from the fake upstream." + WORD.repeat(words);
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
