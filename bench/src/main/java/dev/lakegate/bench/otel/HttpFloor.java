package dev.lakegate.bench.otel;

import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP floor: a Jetty server set up like the gateway's (virtual threads, same connector) whose only
 * handler reads the whole body, as the receiver does, and answers 200 with an empty
 * {@code ExportMetricsServiceResponse}: what an export costs without authentication, decoding and the
 * write-ahead log.
 */
final class HttpFloor implements AutoCloseable {
    private final Server server;

    HttpFloor() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("floor-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    in.readAllBytes();
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-protobuf");
                response.write(true, ByteBuffer.allocate(0), callback);
                return true;
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/api/2.0/otel/v1/metrics");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
