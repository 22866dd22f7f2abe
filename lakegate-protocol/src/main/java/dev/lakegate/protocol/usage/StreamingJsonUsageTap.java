package dev.lakegate.protocol.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;

/**
 * Usage from a JSON body or a streamed JSON array, parsed as the bytes arrive with Jackson's
 * non-blocking parser: nothing is accumulated but the token in progress, whose size the factory's
 * string-length constraint bounds. Past that bound, or on malformed input, parsing stops and the
 * usage seen so far is reported; malformed input is also reported as such ({@link #malformed()}).
 */
final class StreamingJsonUsageTap implements UsageTap {
    private final UsageScanner scanner;
    private final TextCounter text;
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private Usage result;
    private boolean malformed;

    /** @param stream a streamed array of chunks (count deltas) rather than one body */
    StreamingJsonUsageTap(UsageDialect dialect, JsonFactory json, boolean stream) {
        this.scanner = new UsageScanner(dialect);
        this.text = new TextCounter(dialect.textKeys(stream));
        try {
            this.parser = json.createNonBlockingByteArrayParser();
            this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        } catch (IOException e) {
            stop();
        }
    }

    @Override
    public void onBytes(byte[] bytes, int offset, int length) {
        text.feed(bytes, offset, length);
        if (parser == null || length <= 0) {
            return;
        }
        try {
            feeder.feedInput(bytes, offset, offset + length);
            scanner.scan(parser); // drains every token, so the caller may reuse its buffer afterwards
        } catch (IOException | RuntimeException e) {
            malformed = e instanceof JsonParseException;
            stop();
        }
    }

    @Override
    public Usage finish() {
        if (result == null) {
            if (parser != null) {
                try {
                    feeder.endOfInput();
                    scanner.scan(parser);
                } catch (IOException | RuntimeException e) {
                    malformed = e instanceof JsonParseException; // e.g. cut short: the document never closed
                }
            }
            stop();
            result = scanner.result();
        }
        return result;
    }

    @Override
    public boolean malformed() {
        return malformed;
    }

    @Override
    public long answerCharacters() {
        return text.characters();
    }

    private void stop() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException | RuntimeException e) {
                // nothing to release beyond buffers
            }
        }
        parser = null;
        feeder = null;
    }
}
