package dev.lakegate.server.observe;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands finished requests to the listeners on a background thread, so observation never blocks a
 * stream. The queue is bounded; when listeners fall that far behind, records are counted as
 * dropped rather than stalling traffic (the usage recorder has its own queue and back-pressure).
 *
 * <p>The worker polls instead of waiting on the queue, so publishing never wakes a thread: at thousands of
 * requests a second that wake-up (a futex call per request) cost more than the listeners' work. It wakes every
 * {@link #PERIOD_NANOS} and hands on everything queued since: at 1,000 requests a second a wake-up per request (as a
 * back-off that restarted after each record gave) cost as much CPU as the listeners' work. A record waits at most
 * about that long for its listeners; the queue holds far more than arrives in one period.
 */
public final class ListenerBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerBus.class);
    private static final RequestRecord POISON = new RequestRecord(null, null, null, null, null, null, null, null, null, null, null,
            null, null, false, 0, null, null, null, 0, null, 0, false, List.of(), false, null);
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final List<RequestListener> listeners;
    private final BlockingQueue<RequestRecord> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;

    public ListenerBus(List<RequestListener> listeners, int capacity) {
        this.listeners = List.copyOf(listeners);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = Thread.ofPlatform().name("lakegate-listeners").daemon().start(this::drain);
    }

    public void publish(RequestRecord record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        while (true) {
            for (RequestRecord record = queue.poll(); record != null; record = queue.poll()) {
                if (record == POISON) {
                    return;
                }
                for (RequestListener listener : listeners) {
                    try {
                        listener.requestEnd(record);
                    } catch (RuntimeException e) {
                        LOG.warn("request listener {} failed", listener.getClass().getSimpleName(), e);
                    }
                }
            }
            LockSupport.parkNanos(PERIOD_NANOS);
            if (Thread.interrupted()) {
                return;
            }
        }
    }

    /** Delivers what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        queue.put(POISON);
        worker.join(TimeUnit.SECONDS.toMillis(10));
    }
}
