package dev.lakegate.server.config;

/**
 * Listener settings.
 *
 * @param maxRequestBytes largest request body accepted; larger ones get 413 in the surface's format
 * @param shutdownGraceSeconds how long open streams may run on after a shutdown signal
 * @param idleTimeoutSeconds how long the gateway waits on a silent connection (keep-alive, a slow upload); a request
 *     waiting for its upstream is not cut by it
 */
public record ServerConfig(String host, Integer port, Long maxRequestBytes, Integer shutdownGraceSeconds, Integer idleTimeoutSeconds) {

    public static final long DEFAULT_MAX_REQUEST_BYTES = 32L * 1024 * 1024;

    public ServerConfig {
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 8080 : port;
        maxRequestBytes = maxRequestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
        shutdownGraceSeconds = shutdownGraceSeconds == null ? 30 : shutdownGraceSeconds;
        idleTimeoutSeconds = idleTimeoutSeconds == null ? 300 : idleTimeoutSeconds;
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxRequestBytes, shutdownGraceSeconds, idleTimeoutSeconds);
    }
}
