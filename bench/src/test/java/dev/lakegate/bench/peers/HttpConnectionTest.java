package dev.lakegate.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {
    /** Serves the bytes a few at a time, as a socket may; the clock ticks once per read, so times name the read. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int step;
        private final AtomicLong reads;
        private int pos;

        Trickle(String s, int step, AtomicLong reads) {
            this.bytes = s.getBytes(StandardCharsets.UTF_8);
            this.step = step;
            this.reads = reads;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads.incrementAndGet();
            if (pos == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(step, len), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static HttpConnection connection(String wire, int step, AtomicLong reads) {
        return new HttpConnection(new Trickle(wire, step, reads), new ByteArrayOutputStream(), () -> {}, reads::get);
    }

    @Test
    void readsAContentLengthBodyAndKeepsTheConnection() throws IOException {
        String body = "{\"ok\":true}";
        AtomicLong reads = new AtomicLong();
        HttpConnection c = connection("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: " + body.length() + "\r\n\r\n" + body
                + "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 1000, reads);

        HttpConnection.Response first = c.read(null);
        HttpConnection.Response second = c.read(null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bodyBytes()).isEqualTo(body.length());
        assertThat(first.keepAlive()).isTrue();
        assertThat(first.events()).isZero();
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.bodyBytes()).isZero();
        assertThat(second.keepAlive()).isFalse();
    }

    @Test
    void countsAndTimesSseEventsAcrossChunksAndReads() throws IOException {
        // Three events; the second spans two chunks, CRLF line ends in the third; chunk extensions and a trailer.
        String[] chunks = {"data: {\"a\":1}\n\n", "data: {", "\"b\":2}\n\n", "data: [DONE]\r\n\r\nxy"};
        String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/event-stream\r\n\r\n"
                + chunk(chunks[0], "") + chunk(chunks[1], ";ext=1") + chunk(chunks[2], "") + chunk(chunks[3], "")
                + "0\r\nTrailer: t\r\n\r\n";
        AtomicLong reads = new AtomicLong();
        HttpConnection c = connection(wire, 3, reads);
        long[] times = new long[8];

        HttpConnection.Response r = c.read(times);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.events()).isEqualTo(3);
        assertThat(r.bodyBytes()).isEqualTo(String.join("", chunks).length());
        assertThat(times[0]).isPositive().isLessThan(times[1]);
        assertThat(times[1]).isLessThan(times[2]);
        assertThat(r.firstByteNanos()).isLessThanOrEqualTo(times[0]);
        assertThat(r.endNanos()).isGreaterThanOrEqualTo(times[2]);
        assertThat(r.keepAlive()).isTrue();
    }

    private static String chunk(String data, String extension) {
        return Integer.toHexString(data.length()) + extension + "\r\n" + data + "\r\n";
    }

    @Test
    void aBodyWithoutLengthRunsToTheCloseAndEndsTheConnection() throws IOException {
        AtomicLong reads = new AtomicLong();
        HttpConnection.Response r = connection("HTTP/1.0 200 OK\r\n\r\ndata: x\n\n", 4, reads).read(new long[1]);

        assertThat(r.bodyBytes()).isEqualTo(9);
        assertThat(r.events()).isEqualTo(1);
        assertThat(r.keepAlive()).isFalse();
    }

    @Test
    void aTruncatedBodyOrAGarbledStatusIsAnError() {
        AtomicLong reads = new AtomicLong();
        assertThatThrownBy(() -> connection("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 100, reads).read(null))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> connection("SSH-2.0-OpenSSH\r\n\r\n", 100, reads).read(null))
                .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP/1.x response");
        assertThatThrownBy(() -> connection("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100, reads).read(null))
                .hasMessageContaining("bad chunk size");
    }

    @Test
    void percentilesComeFromTheRecordedDistribution() {
        Latencies l = new Latencies();
        for (int ms = 1; ms <= 1000; ms++) {
            l.record(ms * 1_000_000L);
        }
        Latencies other = new Latencies();
        other.record(5_000_000_000L);
        l.add(other);

        assertThat(l.count()).isEqualTo(1001);
        assertThat(l.ms(50)).isCloseTo(501, org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(l.ms(99)).isCloseTo(991, org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(l.maxMs()).isCloseTo(5000, org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(l.summary()).containsKeys("count", "p50", "p99", "p999", "max");
    }
}
