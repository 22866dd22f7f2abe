package dev.lakegate.server.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Failed sign-ins per client address: after {@link #MAX_FAILURES} in a minute, that address waits for the next minute. */
final class SignInLimit {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Addresses remembered at most; beyond it, ended windows are dropped, then all (an address flood must not grow memory). */
    private static final int MAX_ADDRESSES = 10_000;

    private record Window(long start, int failures) {}

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    SignInLimit(Clock clock) {
        this.clock = clock;
    }

    boolean mayTry(String address) {
        Window w = windows.get(address);
        return w == null || clock.millis() - w.start() >= WINDOW.toMillis() || w.failures() < MAX_FAILURES;
    }

    void failed(String address) {
        long now = clock.millis();
        if (windows.size() >= MAX_ADDRESSES) {
            windows.values().removeIf(w -> now - w.start() >= WINDOW.toMillis());
            if (windows.size() >= MAX_ADDRESSES) {
                windows.clear();
            }
        }
        windows.compute(address, (a, w) -> w == null || now - w.start() >= WINDOW.toMillis() ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
    }
}
