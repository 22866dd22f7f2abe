package dev.lakegate.server.provider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 over pooled keep-alive connections, plain or TLS, for the upstream calls. Every provider API
 * speaks HTTP/1.1; a blocking exchange on the request's own virtual thread is the shortest path a proxy hop
 * can take (no selector or executor in between), which is what the gateway's added latency is made of.
 *
 * <p>An idle connection the upstream closed is only found out by using it: a request on a reused connection
 * that got nothing back is sent again on another one (the upstream never read it), as browsers and
 * OkHttp do.
 */
final class Http1Client implements AutoCloseable {
    /** Longest a connection waits in the pool; most servers keep idle connections 60–75 s (uvicorn: 5 s, covered by the retry). */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(50).toNanos();
    private static final int MAX_IDLE_PER_ORIGIN = 512;
    /** How late a first-byte timeout may fire. */
    private static final long TICK_MILLIS = 20;
    private static final long IDLE_SWEEP_NANOS = Duration.ofSeconds(10).toNanos();

    private record Origin(boolean tls, String host, int port) {
        static Origin of(URI uri) {
            boolean tls = switch (uri.getScheme()) {
                case "https" -> true;
                case "http" -> false;
                default -> throw new IllegalArgumentException("unsupported scheme " + uri.getScheme());
            };
            int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
            String host = uri.getHost();
            if (host == null) {
                throw new IllegalArgumentException("no host in " + uri.getScheme() + " URL");
            }
            return new Origin(tls, host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port);
        }

        String hostHeader() {
            String host = this.host.indexOf(':') >= 0 ? "[" + this.host + "]" : this.host;
            return port == (tls ? 443 : 80) ? host : host + ":" + port;
        }
    }

    private final Map<Origin, BlockingDeque<Http1Connection>> idle = new ConcurrentHashMap<>();
    private final SSLSocketFactory tls;
    /** Connections waiting for an answer's head or in its body, checked by the watchdog. */
    private final Set<Http1Connection> waiting = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean closed;

    Http1Client() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tls makes TLS connections: the JDK's default (its trust store), or a test's */
    Http1Client(SSLSocketFactory tls) {
        this.tls = tls;
        sweeper = Thread.ofVirtual().name("lakegate-upstream-pool-sweeper").start(this::sweep);
    }

    /**
     * POSTs {@code body}; returns once the answer's head has arrived (closing its body before the end closes the connection).
     *
     * @throws HttpConnectTimeoutException no connection within {@code connectTimeout}
     * @throws java.net.http.HttpTimeoutException no answer head within {@code firstByteTimeout}; a read of the body
     *     then fails the same way when the upstream sends nothing for {@code streamIdleTimeout}
     */
    UpstreamResponse post(URI uri, Map<String, String> headers, byte[] body, Duration connectTimeout, Duration firstByteTimeout,
            Duration streamIdleTimeout) throws IOException {
        Origin origin = Origin.of(uri);
        byte[] request = encode(uri, origin, headers, body);
        long deadline = System.nanoTime() + firstByteTimeout.toNanos();
        while (true) {
            Http1Connection connection = pooled(origin);
            boolean fresh = connection == null;
            if (fresh) {
                connection = connect(origin, connectTimeout);
            }
            connection.headDueBy(deadline);
            waiting.add(connection);
            try {
                try {
                    connection.write(request);
                } catch (IOException e) {
                    throw fresh ? e : new Http1Connection.NothingReceived(e);
                }
                Http1Connection.Head head = connection.readHead(firstByteTimeout);
                connection.headDueBy(Long.MAX_VALUE);
                return new UpstreamResponse(head.status(), head.headers(), connection.body("POST", head, streamIdleTimeout, (c, reusable) -> {
                    waiting.remove(c);
                    if (reusable) {
                        release(origin, c);
                    }
                }));
            } catch (Http1Connection.NothingReceived e) {
                waiting.remove(connection);
                connection.close();
                if (fresh) {
                    throw (IOException) e.getCause();
                }
                // a stale pooled connection: the upstream never saw the request
            } catch (IOException | RuntimeException e) {
                waiting.remove(connection);
                connection.close();
                throw e;
            }
        }
    }

    private Http1Connection connect(Origin origin, Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(origin.host(), origin.port()), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            if (origin.tls()) {
                SSLSocket secure = (SSLSocket) tls.createSocket(socket, origin.host(), origin.port(), true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
                secure.setSSLParameters(parameters);
                secure.setSoTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
                secure.startHandshake();
                return new Http1Connection(secure);
            }
            return new Http1Connection(socket);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new HttpConnectTimeoutException("no connection within " + connectTimeout.toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Http1Connection pooled(Origin origin) {
        BlockingDeque<Http1Connection> pool = idle.get(origin);
        if (pool == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Http1Connection c = pool.pollFirst(); c != null; c = pool.pollFirst()) {
            if (now - c.idleSinceNanos() < MAX_IDLE_NANOS) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(Origin origin, Http1Connection connection) {
        connection.markIdle(System.nanoTime());
        if (closed || !idle.computeIfAbsent(origin, o -> new LinkedBlockingDeque<>(MAX_IDLE_PER_ORIGIN)).offerFirst(connection)) {
            connection.close();
        }
    }

    /**
     * The watchdog, every {@link #TICK_MILLIS}: ends waits for an answer's head that are past their deadline, and closes
     * connections idle too long even when no request comes to find them, so they hold no sockets.
     */
    private void sweep() {
        long lastIdleSweep = System.nanoTime();
        while (!closed) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            waiting.forEach(c -> c.expireIfLate(now));
            if (now - lastIdleSweep < IDLE_SWEEP_NANOS) {
                continue;
            }
            lastIdleSweep = now;
            idle.values().forEach(pool -> pool.removeIf(c -> {
                boolean old = now - c.idleSinceNanos() >= MAX_IDLE_NANOS;
                if (old) {
                    c.close();
                }
                return old;
            }));
        }
    }

    private static byte[] encode(URI uri, Origin origin, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256 + headers.size() * 64);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append("POST ").append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(origin.hostHeader()).append("\r\n");
        headers.forEach((name, value) -> {
            requireToken(name);
            requireFieldValue(name, value);
            head.append(name).append(": ").append(value).append("\r\n");
        });
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static void requireToken(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("invalid header name");
        }
    }

    /** A line break or control character in a value would split the request (header injection). */
    private static void requireFieldValue(String name, String value) {
        if (!value.chars().allMatch(c -> c == '\t' || (c >= 32 && c != 127 && c <= 255))) {
            throw new IllegalArgumentException("invalid value of header " + name);
        }
    }

    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
        idle.values().forEach(pool -> {
            for (Http1Connection c = pool.pollFirst(); c != null; c = pool.pollFirst()) {
                c.close();
            }
        });
    }
}
