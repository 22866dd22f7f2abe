package dev.lakegate.server.pipeline;

/**
 * One concern of the request pipeline (authenticate, resolve, route, …). It either answers or
 * fails the request itself, or calls {@link Chain#proceed} to hand it to the next link.
 */
@FunctionalInterface
public interface Interceptor {

    void intercept(Exchange exchange, Chain chain) throws Exception;

    /** The rest of the pipeline after the current interceptor. */
    interface Chain {
        void proceed(Exchange exchange) throws Exception;
    }
}
