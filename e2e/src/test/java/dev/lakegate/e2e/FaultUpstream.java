package dev.lakegate.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A provider that misbehaves on request, at the socket level: the {@code x-fault} header of the agent's request
 * (passed through by the gateway) chooses how, or else the model asked for. It speaks just enough of each vendor's wire format (chosen by the
 * path) for the gateway to treat its answers as that vendor's.
 */
final class FaultUpstream implements AutoCloseable {
    /** How the upstream misbehaves; {@link #SLOW_HEAD} and {@link #STALL} outlast the providers' timeouts in the test. */
    enum Fault {
        SLOW_HEAD, STALL, RESET, TOO_MANY_REQUESTS, INTERNAL_ERROR, BAD_GATEWAY, UNAVAILABLE, OVERLOADED,
        /** A unary 200 whose JSON is broken off (its length is right). */
        MALFORMED,
        /** A unary 200 of {@link #OVERSIZED_BYTES}: one JSON string longer than any bound the gateway keeps in memory. */
        OVERSIZED,
        /** A stream whose last event is broken off mid-JSON, before its blank line, and which then ends cleanly. */
        TRUNCATED_EVENT,
        /** A stream with a whole event whose data is not JSON, then the rest of a normal stream. */
        MALFORMED_EVENT;

        String header() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final int OVERSIZED_BYTES = 24 * 1024 * 1024;
    private static final java.util.regex.Pattern MODEL = java.util.regex.Pattern.compile("(?:\"model\":\\s*\"|/models/)([a-z-]+)");

    private final ServerSocket server;
    /** Answers every connection with a plain-text HTTP error: a TLS client's handshake fails at once. */
    private final ServerSocket notTls;

    FaultUpstream() throws IOException {
        server = new ServerSocket(0, 1024);
        notTls = new ServerSocket(0, 1024);
        Thread.ofVirtual().name("fault-upstream").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
        Thread.ofVirtual().name("not-tls").start(() -> {
            while (!notTls.isClosed()) {
                try (Socket socket = notTls.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // next
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    int notTlsPort() {
        return notTls.getLocalPort();
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String lower = head.toLowerCase(Locale.ROOT);
            int length = header(lower, "content-length") == null ? 0 : Integer.parseInt(header(lower, "content-length"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            boolean stream = path.contains("streamGenerateContent") || body.contains("\"stream\":true");
            String named = header(lower, "x-fault");
            if (named == null) { // a translated request carries none of the agent's headers: the model names the fault
                java.util.regex.Matcher model = MODEL.matcher(path.contains("/models/") ? path : body);
                named = model.find() ? model.group(1) : "none";
            }
            Fault fault = Fault.valueOf(named.toUpperCase(Locale.ROOT).replace('-', '_'));
            OutputStream out = socket.getOutputStream();
            switch (fault) {
                case SLOW_HEAD -> Thread.sleep(10_000);
                case STALL -> {
                    out.write(ok(stream, 10_000).getBytes(StandardCharsets.US_ASCII));
                    out.write(firstPart(path, stream).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(10_000);
                }
                case RESET -> {
                    out.write(ok(stream, 10_000).getBytes(StandardCharsets.US_ASCII));
                    out.write(firstPart(path, stream).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    socket.setSoLinger(true, 0); // close with a TCP reset
                }
                case TOO_MANY_REQUESTS -> out.write(error(path, 429, "retry-after: 7\r\n").getBytes(StandardCharsets.UTF_8));
                case INTERNAL_ERROR -> out.write(error(path, 500, "").getBytes(StandardCharsets.UTF_8));
                case BAD_GATEWAY -> out.write(error(path, 502, "").getBytes(StandardCharsets.UTF_8));
                case UNAVAILABLE -> out.write(error(path, 503, "").getBytes(StandardCharsets.UTF_8));
                case OVERLOADED -> out.write(error(path, 529, "").getBytes(StandardCharsets.UTF_8));
                case MALFORMED -> {
                    String broken = "{\"id\":\"broken\",\"choices\":[{\"index\":0,";
                    out.write((ok(false, broken.length()) + broken).getBytes(StandardCharsets.US_ASCII));
                }
                case TRUNCATED_EVENT, MALFORMED_EVENT -> {
                    out.write(ok(true, 0).getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk(firstEvent(path)).getBytes(StandardCharsets.UTF_8));
                    out.write(chunk(fault == Fault.TRUNCATED_EVENT ? "data: {\"id\":\"cut\",\"choices\":[{\"delta\":{\"content\":\"lo"
                            : "data: {\"id\":\"bad\",\"choices\":[{\"delta\":{\"content\"\n\n" + firstEvent(path)).getBytes(StandardCharsets.UTF_8));
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // the chunked body ends cleanly
                }
                case OVERSIZED -> {
                    String start = "{\"id\":\"big\",\"pad\":\"";
                    out.write(ok(false, OVERSIZED_BYTES).getBytes(StandardCharsets.US_ASCII));
                    out.write(start.getBytes(StandardCharsets.US_ASCII));
                    byte[] pad = new byte[64 * 1024];
                    java.util.Arrays.fill(pad, (byte) 'x');
                    long left = OVERSIZED_BYTES - start.length() - 2;
                    while (left > 0) {
                        int n = (int) Math.min(pad.length, left);
                        out.write(pad, 0, n);
                        left -= n;
                    }
                    out.write("\"}".getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the gateway hung up: what the fault is for
        }
    }

    /** A 200 head promising more than will come: a stream (chunked SSE) or a unary JSON body of {@code length} bytes. */
    private static String ok(boolean stream, int length) {
        return stream ? "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /** The start of an answer in the vendor's format: for a stream one chunk with a first event, else the start of the JSON. */
    private static String firstPart(String path, boolean stream) {
        return stream ? chunk(firstEvent(path)) : "{\"id\":\"partial\",";
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    /** A stream's first event in the vendor's format. */
    private static String firstEvent(String path) {
        String event;
        if (path.contains("/messages")) {
            event = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n";
        } else if (path.contains("/responses")) {
            event = "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\","
                    + "\"object\":\"response\",\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}}\n\n";
        } else if (path.contains("/chat/completions")) {
            event = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n";
        } else {
            event = "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hel\"}]},\"index\":0}],\"modelVersion\":\"m\"}\n\n";
        }
        return event;
    }

    /** An error answer in the vendor's own format. */
    private static String error(String path, int status, String extraHeaders) {
        String body;
        if (path.contains("/messages")) {
            body = "{\"type\":\"error\",\"error\":{\"type\":\"" + (status == 429 ? "rate_limit_error" : status == 529 ? "overloaded_error" : "api_error")
                    + "\",\"message\":\"upstream says " + status + "\"}}";
        } else if (path.contains("/v1beta/") || path.contains("/v1/models/")) {
            body = "{\"error\":{\"code\":" + status + ",\"message\":\"upstream says " + status + "\",\"status\":\""
                    + (status == 429 ? "RESOURCE_EXHAUSTED" : status == 503 ? "UNAVAILABLE" : "INTERNAL") + "\"}}";
        } else {
            body = "{\"error\":{\"message\":\"upstream says " + status + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
        }
        return "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n" + extraHeaders + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String header(String lowerHead, String name) {
        int at = lowerHead.indexOf("\r\n" + name + ":");
        if (at < 0) {
            return null;
        }
        int start = at + name.length() + 3;
        return lowerHead.substring(start, lowerHead.indexOf("\r\n", start)).trim();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        notTls.close();
    }
}
