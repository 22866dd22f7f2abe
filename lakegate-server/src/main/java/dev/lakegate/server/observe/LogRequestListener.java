package dev.lakegate.server.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one structured JSON log line per request (logger {@code lakegate.request}), secrets excluded. */
public final class LogRequestListener implements RequestListener {
    private static final Logger LOG = LoggerFactory.getLogger("lakegate.request");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void requestEnd(RequestRecord r) {
        if (!LOG.isInfoEnabled()) {
            return; // the line costs more to build than the rest of the request's bookkeeping
        }
        ObjectNode line = JSON.createObjectNode()
                .put("request_id", r.requestId())
                .put("event_time", r.eventTime().toString())
                .put("api_type", r.apiType())
                .put("endpoint", r.endpointName())
                .put("destination", r.destinationProvider() == null ? null : r.destinationProvider() + "/" + r.destinationModel())
                .put("requester", r.requester())
                .put("token_id", r.tokenId())
                .put("tool", r.agent().tool())
                .put("tool_version", r.agent().version())
                .put("session_id", r.agent().sessionId())
                .put("ip", r.ipAddress())
                .put("streaming", r.streaming())
                .put("status", r.statusCode())
                .put("error_type", r.errorType())
                .put("input_tokens", r.usage().inputTokens())
                .put("output_tokens", r.usage().outputTokens())
                .put("cache_read_input_tokens", r.usage().cacheReadTokens())
                .put("cache_creation_input_tokens", r.usage().cacheCreationTokens())
                .put("output_reasoning_tokens", r.usage().reasoningTokens())
                .put("tokens_estimated", r.usage().estimated())
                .put("cost_usd", r.costUsd())
                .put("latency_ms", r.latencyMs())
                .put("ttfb_ms", r.timeToFirstByteMs())
                .put("overhead_us", r.overheadMicros())
                .put("client_disconnected", r.clientDisconnected());
        line.set("request_tags", JSON.valueToTree(r.requestTags()));
        line.set("attempts", JSON.valueToTree(r.attempts()));
        try {
            LOG.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.warn("could not log request {}", r.requestId(), e);
        }
    }
}
