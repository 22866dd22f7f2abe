package dev.lakegate.server.provider.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.canonical.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request the scripted model received, as it arrived.
 *
 * @param seq 1-based arrival number
 * @param query the raw query string, or null
 * @param headers header values by lower-cased name, in arrival order
 */
public record ReceivedRequest(long seq, String method, String path, String query, Map<String, List<String>> headers,
        byte[] body, Instant time) {

    public ReceivedRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode bodyJson() {
        return Json.parse(bodyText(), "request body");
    }
}
