package dev.lakegate.server.payload;

import dev.lakegate.server.pipeline.Exchange;
import dev.lakegate.server.pipeline.Interceptor;
import dev.lakegate.server.surface.Operation;
import java.util.function.DoubleSupplier;

/**
 * Decides, as soon as the endpoint is known, whether its inference table records this request, and if so
 * starts copying what the agent is sent. Only generation calls are recorded: a token count carries the same
 * prompt as the generation that follows it and answers with one number.
 */
public final class SamplePayload implements Interceptor {
    /** Codex CLI sends one on every call (its thread id); OpenAI SDKs when the application sets it. */
    private static final String CLIENT_REQUEST_ID = "x-client-request-id";

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1): the sampling draw (seeded in tests) */
    public SamplePayload(DoubleSupplier random) {
        this.random = random;
    }

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        InferenceTable table = exchange.endpoint().settings().inferenceTable();
        if (table != null && exchange.route().operation().kind() == Operation.Kind.GENERATE && table.samples(random)) {
            PayloadCapture capture = new PayloadCapture(table, exchange.endpoint().name(), exchange.route().operation().protocol(),
                    exchange.responseFraming(), exchange.header(CLIENT_REQUEST_ID), CappedBytes.of(exchange.body(), PayloadCapture.LIMIT),
                    CappedBytes.empty(PayloadCapture.LIMIT));
            exchange.payload(capture);
            exchange.client().copyTo(capture.response());
        }
        chain.proceed(exchange);
    }
}
