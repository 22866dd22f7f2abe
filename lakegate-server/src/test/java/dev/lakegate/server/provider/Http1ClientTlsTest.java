package dev.lakegate.server.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.testing.TestCertificates;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upstream client over TLS: it verifies the certificate chain and that the certificate names the host. */
class Http1ClientTlsTest {
    private static final String PASSWORD = "changeit-" + System.nanoTime();
    private static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void talksHttpsToAServerWhoseCertificateItTrustsAndThatNamesTheHost() throws Exception {
        Path keystore = TestCertificates.selfSigned(dir, PASSWORD, "dns:localhost,ip:127.0.0.1");
        try (SSLServerSocket server = serve(keystore); Http1Client client = new Http1Client(TestCertificates.trusting(keystore, PASSWORD).getSocketFactory())) {
            for (String host : new String[] {"127.0.0.1", "localhost"}) {
                UpstreamResponse response = client.post(URI.create("https://" + host + ":" + server.getLocalPort() + "/v1/chat/completions"),
                        Map.of("authorization", "Bearer k"), "{}".getBytes(StandardCharsets.UTF_8), SECOND, SECOND, SECOND);
                assertThat(response.status()).isEqualTo(200);
                try (response) {
                    assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
                }
            }
        }
    }

    @Test
    void refusesACertificateOutsideItsTrustStore() throws Exception {
        Path keystore = TestCertificates.selfSigned(dir, PASSWORD, "dns:localhost,ip:127.0.0.1");
        try (SSLServerSocket server = serve(keystore); Http1Client client = new Http1Client()) {
            assertThatThrownBy(() -> client.post(URI.create("https://127.0.0.1:" + server.getLocalPort() + "/v1/x"), Map.of(), new byte[0], SECOND, SECOND, SECOND))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void refusesATrustedCertificateThatNamesAnotherHost() throws Exception {
        Path keystore = TestCertificates.selfSigned(dir, PASSWORD, "dns:api.example.com");
        try (SSLServerSocket server = serve(keystore); Http1Client client = new Http1Client(TestCertificates.trusting(keystore, PASSWORD).getSocketFactory())) {
            assertThatThrownBy(() -> client.post(URI.create("https://127.0.0.1:" + server.getLocalPort() + "/v1/x"), Map.of(), new byte[0], SECOND, SECOND, SECOND))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    /** An HTTPS server with the store's certificate answering every request with a small JSON body. */
    private static SSLServerSocket serve(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket socket = (SSLSocket) server.accept();
                    Thread.ofVirtual().start(() -> answer(socket));
                } catch (Exception e) {
                    return;
                }
            }
        });
        return server;
    }

    private static void answer(SSLSocket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                head.append((char) c);
            }
            int length = head.toString().lines().filter(l -> l.startsWith("Content-Length: ")).mapToInt(l -> Integer.parseInt(l.substring(16)))
                    .findFirst().orElse(0);
            in.readNBytes(length);
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (Exception e) {
            // a refused handshake: the client's side of the test asserts it
        }
    }
}
