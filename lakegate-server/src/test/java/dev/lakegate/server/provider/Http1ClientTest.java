package dev.lakegate.server.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upstream HTTP/1.1 client against a raw socket server that answers exactly the bytes each test scripts. */
class Http1ClientTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    /** One scripted answer: what the server writes for a request, in pieces with pauses between them. */
    private record Answer(List<String> pieces, long pauseMs, boolean closeAfter) {
        static Answer of(String bytes) {
            return new Answer(List.of(bytes), 0, false);
        }
    }

    private ServerSocket server;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> connections = new CopyOnWriteArrayList<>();
    private Http1Client client;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0);
        client = new Http1Client();
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.add(socket.getPort());
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Answer answer = answers.poll(5, TimeUnit.SECONDS);
                if (answer == null) {
                    return;
                }
                for (String piece : answer.pieces()) {
                    out.write(piece.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(answer.pauseMs());
                }
                if (answer.closeAfter()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /** Head and Content-Length body of one request, or null at the end of the connection. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            String h = head.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                int length = h.lines().filter(l -> l.startsWith("Content-Length: ")).mapToInt(l -> Integer.parseInt(l.substring(16))).findFirst().orElse(0);
                return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    private UpstreamResponse post(String body) throws IOException {
        return client.post(uri("/v1/chat/completions?beta=true"), Map.of("content-type", "application/json", "x-api-key", "k"),
                body.getBytes(StandardCharsets.UTF_8), SECOND, SECOND, SECOND);
    }

    private static String text(UpstreamResponse response) throws IOException {
        try (response) {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sendsOneRequestWithHostAndLengthAndReadsAContentLengthAnswer() throws Exception {
        answers.add(Answer.of("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nx-request-id: up-1\r\n\r\n{\"ok\":true}"));
        UpstreamResponse response = post("{\"model\":\"m\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("up-1");
        assertThat(text(response)).isEqualTo("{\"ok\":true}");
        assertThat(requests.getFirst()).startsWith("POST /v1/chat/completions?beta=true HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                .contains("content-type: application/json\r\n", "x-api-key: k\r\n", "Content-Length: 13\r\n")
                .endsWith("\r\n\r\n{\"model\":\"m\"}");
    }

    @Test
    void reusesTheConnectionOnceTheBodyIsRead() throws Exception {
        for (int i = 0; i < 3; i++) {
            answers.add(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            assertThat(text(post("{}"))).isEqualTo("ok");
        }
        assertThat(requests).hasSize(3);
        assertThat(connections).hasSize(1);
    }

    @Test
    void closingABodyBeforeItsEndClosesTheConnection() throws Exception {
        answers.add(new Answer(List.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab", "cdefghij"), 200, false));
        UpstreamResponse first = post("{}");
        assertThat(first.body().read(new byte[2])).isEqualTo(2);
        first.close();
        answers.add(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        assertThat(text(post("{}"))).isEqualTo("ok");
        assertThat(connections).hasSize(2);
    }

    @Test
    void deliversEachChunkAsItArrivesEvenWhenItsLineBreakComesWithTheNext() throws Exception {
        // Jetty's framing: the CRLF that ends a chunk is sent in front of the next chunk's size.
        answers.add(new Answer(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst", "\r\n6;ext=1\r\nsecond", "\r\n0\r\nx-trailer: t\r\n\r\n"),
                300, false));
        UpstreamResponse response = post("{}");
        byte[] buffer = new byte[64];
        long start = System.nanoTime();
        int n = response.body().read(buffer);
        assertThat(new String(buffer, 0, n, StandardCharsets.US_ASCII)).isEqualTo("first");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
        assertThat(text(response)).isEqualTo("second");
        answers.add(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        assertThat(text(post("{}"))).isEqualTo("ok");
        assertThat(connections).as("the chunked answer ended cleanly: its connection is reused").hasSize(1);
    }

    @Test
    void readsABodyThatEndsWithTheConnection() throws Exception {
        answers.add(new Answer(List.of("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end"), 0, true));
        assertThat(text(post("{}"))).isEqualTo("until the end");
        answers.add(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        assertThat(text(post("{}"))).isEqualTo("ok");
        assertThat(connections).hasSize(2);
    }

    @Test
    void skipsInterimAnswers() throws Exception {
        answers.add(Answer.of("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nretry-after: 7\r\nContent-Length: 0\r\n\r\n"));
        UpstreamResponse response = post("{}");
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
        assertThat(text(response)).isEmpty();
    }

    @Test
    void sendsAgainOnAFreshConnectionWhenAPooledOneWasClosedByTheUpstream() throws Exception {
        answers.add(new Answer(List.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), 0, true)); // closes without saying so
        assertThat(text(post("{}"))).isEqualTo("ok");
        Thread.sleep(100); // the server has closed the pooled connection
        answers.add(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain"));
        assertThat(text(post("{}"))).isEqualTo("again");
        assertThat(connections).hasSize(2);
        assertThat(requests).hasSize(2);
    }

    @Test
    void aFreshConnectionClosedWithoutAnAnswerIsAnError() {
        answers.add(new Answer(List.of(), 0, true));
        assertThatThrownBy(() -> post("{}")).isInstanceOf(IOException.class).hasMessageContaining("closed before a response");
        assertThat(requests).hasSize(1);
    }

    @Test
    void noHeadWithinTheFirstByteTimeoutIsATimeout() {
        answers.add(new Answer(List.of("", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), 1500, false));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.post(uri("/v1/x"), Map.of(), new byte[0], SECOND, Duration.ofMillis(300), SECOND))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(290), Duration.ofMillis(1200));
    }

    @Test
    void anUpstreamSilentMidBodyForTheIdleTimeoutFailsTheRead() throws Exception {
        answers.add(new Answer(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst", "\r\n6\r\nsecond\r\n0\r\n\r\n"),
                3000, false));
        UpstreamResponse response = client.post(uri("/v1/x"), Map.of(), new byte[0], SECOND, SECOND, Duration.ofMillis(300));
        InputStream body = response.body();
        assertThat(body.read(new byte[64])).isEqualTo(5);
        long start = System.nanoTime();
        assertThatThrownBy(() -> body.read(new byte[64])).isInstanceOf(HttpTimeoutException.class).hasMessageContaining("no data for 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(290), Duration.ofMillis(1500));
        response.close();
        answers.add(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        assertThat(text(post("{}"))).as("the stalled connection is not reused").isEqualTo("ok");
        assertThat(connections).hasSize(2);
    }

    @Test
    void aSlowButSteadyBodyIsNotCutOff() throws Exception {
        answers.add(new Answer(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "1\r\na\r\n", "1\r\nb\r\n", "1\r\nc\r\n",
                "1\r\nd\r\n", "0\r\n\r\n"), 200, false));
        UpstreamResponse response = client.post(uri("/v1/x"), Map.of(), new byte[0], SECOND, SECOND, Duration.ofMillis(400));
        assertThat(text(response)).as("a second in all, never 400 ms of silence").isEqualTo("abcd");
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:" + port + "/v1/x"), Map.of(), new byte[0], SECOND, SECOND, SECOND))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void refusesHeaderValuesThatWouldSplitTheRequest() {
        assertThatThrownBy(() -> client.post(uri("/v1/x"), Map.of("x-api-key", "k\r\nx-evil: 1"), new byte[0], SECOND, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("k\r\n");
        assertThatThrownBy(() -> client.post(uri("/v1/x"), Map.of("bad name", "v"), new byte[0], SECOND, SECOND, SECOND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(requests).isEmpty();
    }

    @Test
    void malformedAnswersAreErrorsNotHangs() throws Exception {
        List<String> malformed = new ArrayList<>(List.of(
                "SMTP ready\r\n\r\n",
                "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n"));
        for (String answer : malformed) {
            answers.add(new Answer(List.of(answer), 0, true));
            assertThatThrownBy(() -> text(post("{}"))).as(answer).isInstanceOf(IOException.class);
        }
        answers.add(new Answer(List.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"), 0, true));
        assertThatThrownBy(() -> text(post("{}"))).isInstanceOf(IOException.class).hasMessageContaining("5 bytes of the response body missing");
    }
}
