package dev.lakegate.server.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this gateway's caches that the control plane changed, whichever gateway changed it. It polls
 * the {@linkplain ControlPlane#version() change version} and, when it moved, runs every subscriber
 * (each drops or reloads what it caches). Deliberately coarse: any change reaches every subscriber,
 * because changes are rare and a reload is cheap. Services call {@link #check()} right after their own
 * writes, so a change applies at once on the gateway that made it and within one poll interval elsewhere.
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final LongSupplier version;
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final ReentrantLock checking = new ReentrantLock();
    private final ScheduledExecutorService poller;
    private long seen; // guarded by checking
    private boolean failing; // guarded by checking: log an outage once, not every poll

    private ChangeFeed(LongSupplier version, Duration interval) {
        this.version = version;
        this.seen = version.getAsLong();
        this.poller = interval.isZero() ? null : startPolling(interval);
    }

    /** @param interval how often to poll; zero: only on {@link #check()} (tests, one-off tools) */
    public static ChangeFeed start(ControlPlane store, Duration interval) {
        return new ChangeFeed(store::version, interval);
    }

    /** Runs {@code onChange} after every change; it must be quick and may be called from any thread. */
    public void subscribe(Runnable onChange) {
        subscribers.add(onChange);
    }

    /**
     * Reads the version now and, if it moved, runs the subscribers. A subscriber that fails (the store
     * is down while it reloads) makes the next check run them all again. Returns whether it moved.
     */
    public boolean check() {
        checking.lock();
        try {
            long current;
            try {
                current = version.getAsLong();
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warn("cannot read the control-plane change version; caches keep their answers until it is back: {}", e.toString());
                    failing = true;
                }
                return false;
            }
            if (failing) {
                LOG.info("the control-plane change version is readable again");
                failing = false;
            }
            if (current == seen) {
                return false;
            }
            boolean delivered = true;
            for (Runnable subscriber : subscribers) {
                try {
                    subscriber.run();
                } catch (RuntimeException e) {
                    LOG.warn("a cache could not apply a control-plane change (retried on the next check): {}", e.toString());
                    delivered = false;
                }
            }
            if (delivered) {
                seen = current;
            }
            return true;
        } finally {
            checking.unlock();
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private ScheduledExecutorService startPolling(Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lakegate-change-feed").factory());
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
        return executor;
    }
}
