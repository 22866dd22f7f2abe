package dev.lakegate.server.observe;

import dev.lakegate.protocol.usage.Usage;
import dev.lakegate.server.payload.PayloadCapture;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one finished request, handed to listeners: the usage-table row (SPEC §4)
 * before it becomes one. Never holds a secret: {@code tokenId} is the token's public id.
 *
 * @param endpointName the endpoint name the agent asked for (an alias stays as sent)
 * @param errorType the error category name when the request did not succeed, else null
 * @param usage the upstream's counts, or the estimate when it reported none ({@link Usage#estimated()})
 * @param costUsd the usage at the prices of the destination that answered; null when none was reached or its prices are unknown
 * @param overheadMicros the gateway's own time: the request's latency less its waits on the upstream ({@link RequestClock})
 * @param clientDisconnected the agent went away before the answer ended
 * @param attempts every destination tried, in order (fallbacks included)
 * @param usageTracked false when the endpoint turned usage tracking off: no usage row is written
 * @param payload the bytes exchanged, when the endpoint's inference table sampled the request; else null
 */
public record RequestRecord(String requestId, Instant eventTime, String endpointName, String destinationProvider,
        String destinationModel, String apiType, String requester, String requesterType, String tokenId, Agent agent,
        String userAgent, String ipAddress, Map<String, String> requestTags, boolean streaming, int statusCode, String errorType,
        Usage usage, Double costUsd, long latencyMs, Long timeToFirstByteMs, long overheadMicros, boolean clientDisconnected, List<Attempt> attempts,
        boolean usageTracked, PayloadCapture payload) {}
