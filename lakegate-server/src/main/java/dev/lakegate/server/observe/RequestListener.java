package dev.lakegate.server.observe;

/**
 * Observes finished requests (usage recording, metrics, logs). Called off the request's thread by
 * {@link ListenerBus}, so an implementation may do IO, but must not assume ordering across requests.
 */
@FunctionalInterface
public interface RequestListener {
    void requestEnd(RequestRecord record);
}
