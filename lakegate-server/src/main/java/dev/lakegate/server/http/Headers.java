package dev.lakegate.server.http;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** Request headers and query parameters as plain maps, header names lower-cased. */
final class Headers {
    private Headers() {}

    static Map<String, String> lowerCased(HttpFields fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HttpField f : fields) {
            String name = f.getLowerCaseName();
            String previous = out.get(name);
            // Repeated headers are joined as one comma-separated value (RFC 9110 §5.3), e.g. anthropic-beta.
            out.put(name, previous == null ? f.getValue() : previous + "," + f.getValue());
        }
        return out;
    }

    static Map<String, String> query(Request request) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, String> out = new HashMap<>();
        for (Fields.Field f : fields) {
            out.put(f.getName(), f.getValue());
        }
        return out;
    }

    static boolean isWebSocketUpgrade(Map<String, String> headers) {
        String upgrade = headers.get("upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }
}
