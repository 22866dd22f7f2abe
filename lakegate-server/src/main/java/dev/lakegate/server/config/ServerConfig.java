package dev.lakegate.server.config;

/**
 * Listener settings.
 *
 * @param maxRequestBytes largest request body accepted; larger ones get 413 in the surface's format
 * @param shutdownGraceSeconds how long open streams may run on after a shutdown signal
 * @param idleTimeoutSeconds how long the gateway waits on a silent connection (keep-alive, a slow upload); a request
 *     waiting for its upstream is not cut by it
 * @param tls the listener's certificate; null: plain HTTP (behind a TLS-terminating proxy, or on loopback)
 */
public record ServerConfig(String host, Integer port, Long maxRequestBytes, Integer shutdownGraceSeconds, Integer idleTimeoutSeconds,
        Tls tls) {

    /**
     * HTTPS on the listener: a PKCS#12 (or JKS) key store holding the certificate chain and its private key.
     *
     * @param keystorePasswordEnv the environment variable holding the store's password, so that no secret is
     *     in the file (default {@value #DEFAULT_PASSWORD_ENV})
     */
    public record Tls(String keystore, String keystorePasswordEnv) {
        public static final String DEFAULT_PASSWORD_ENV = "LAKEGATE_TLS_KEYSTORE_PASSWORD";

        public Tls {
            if (keystore == null || keystore.isBlank()) {
                throw new IllegalArgumentException("server.tls.keystore is required: the path of a PKCS#12 key store with the certificate and key");
            }
            keystorePasswordEnv = keystorePasswordEnv == null ? DEFAULT_PASSWORD_ENV : keystorePasswordEnv;
        }
    }

    public static final long DEFAULT_MAX_REQUEST_BYTES = 32L * 1024 * 1024;

    public ServerConfig {
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 8080 : port;
        maxRequestBytes = maxRequestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
        shutdownGraceSeconds = shutdownGraceSeconds == null ? 30 : shutdownGraceSeconds;
        idleTimeoutSeconds = idleTimeoutSeconds == null ? 300 : idleTimeoutSeconds;
    }

    public ServerConfig(String host, Integer port, Long maxRequestBytes, Integer shutdownGraceSeconds, Integer idleTimeoutSeconds) {
        this(host, port, maxRequestBytes, shutdownGraceSeconds, idleTimeoutSeconds, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxRequestBytes, shutdownGraceSeconds, idleTimeoutSeconds, tls);
    }
}
