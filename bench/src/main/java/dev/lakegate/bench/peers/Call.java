package dev.lakegate.bench.peers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request a peer is sent: a POST of a JSON body to a path with the client's headers, encoded for
 * the generator (raw HTTP/1.1) and for wrk (a Lua script).
 */
public record Call(String path, Map<String, String> headers, String body) {
    private static final String SYSTEM = "You are a helpful assistant.";
    private static final String PROMPT = "Say hello to the benchmark.";

    /** An OpenAI Chat Completions request for {@code model}. */
    public static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"" + SYSTEM + "\"},{\"role\":\"user\",\"content\":\""
                + PROMPT + "\"}],\"max_tokens\":256,\"stream\":" + stream + "}";
    }

    /** The same conversation as an Anthropic Messages request. */
    public static String messages(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":256,\"system\":\"" + SYSTEM + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + PROMPT + "\"}],\"stream\":" + stream + "}";
    }

    public static Map<String, String> headers(String... nameValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put(nameValues[i], nameValues[i + 1]);
        }
        return m;
    }

    public byte[] raw(int port) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port)
                .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        headers.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
        byte[] head = sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    /** A wrk script sending this request (the URL given to wrk carries the path). */
    String lua() {
        StringBuilder sb = new StringBuilder("wrk.method = \"POST\"\nwrk.body = [==[").append(body).append("]==]\n")
                .append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        headers.forEach((name, value) -> sb.append("wrk.headers[\"").append(name).append("\"] = \"").append(value).append("\"\n"));
        return sb.toString();
    }
}
