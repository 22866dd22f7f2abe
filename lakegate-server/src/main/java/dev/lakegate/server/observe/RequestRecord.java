package dev.lakegate.server.observe;

import dev.lakegate.protocol.usage.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one finished request, handed to listeners: the future usage-table row
 * (SPEC §4). Never holds a secret: {@code tokenId} is the token's public id.
 *
 * @param errorType the error category name when the request did not succeed, else null
 * @param clientDisconnected the agent went away before the answer ended
 * @param attempts every destination tried, in order (fallbacks included)
 */
public record RequestRecord(String requestId, Instant eventTime, String endpointName, String destinationProvider,
        String destinationModel, String apiType, String requester, String requesterType, String tokenId, Agent agent,
        String userAgent, String ipAddress, Map<String, String> requestTags, boolean streaming, int statusCode, String errorType,
        Usage usage, long latencyMs, Long timeToFirstByteMs, boolean clientDisconnected, List<Attempt> attempts) {}
