package dev.lakegate.server.observe;

/**
 * One try at one destination, for the usage table's {@code routing_information.attempts}.
 *
 * @param statusCode the upstream's HTTP status, or the gateway's status for a transport failure
 * @param errorCode the error category when the attempt failed, else null
 */
public record Attempt(int priority, String destination, int statusCode, String errorCode, long latencyMs) {}
