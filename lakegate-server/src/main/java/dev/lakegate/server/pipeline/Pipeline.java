package dev.lakegate.server.pipeline;

import java.util.List;

/** An ordered list of interceptors; the last one must answer without proceeding. */
public final class Pipeline {
    private final List<Interceptor> interceptors;

    public Pipeline(List<Interceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    public void run(Exchange exchange) throws Exception {
        proceedFrom(0, exchange);
    }

    private void proceedFrom(int index, Exchange exchange) throws Exception {
        if (index == interceptors.size()) {
            throw new IllegalStateException("the pipeline ended without an answer");
        }
        interceptors.get(index).intercept(exchange, next -> proceedFrom(index + 1, next));
    }
}
