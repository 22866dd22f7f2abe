package dev.lakegate.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ListenerBusTest {

    private static RequestRecord record(String id) {
        return new RequestRecord(id, null, null, null, null, null, null, null, null, null, null, null, null, false, 200, null,
                null, null, 0, null, 0, false, List.of(), true, null);
    }

    @Test
    void everyListenerGetsEveryRecordInOrderWithinAFewMillisecondsAndAFailingOneStopsNoOther() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        RequestListener failing = r -> {
            throw new IllegalStateException("a listener bug");
        };
        try (ListenerBus bus = new ListenerBus(List.of(failing, r -> seen.add(r.requestId())), 1024)) {
            for (int i = 0; i < 500; i++) {
                bus.publish(record("r" + i));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (seen.size() < 500 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(seen).hasSize(500).startsWith("r0", "r1").endsWith("r499");
            // A record published to an idle bus is handed on at its next wake-up, every few milliseconds.
            long published = System.nanoTime();
            bus.publish(record("late"));
            while (!seen.contains("late")) {
                assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(1));
                Thread.sleep(1);
            }
            assertThat(bus.dropped()).isZero();
        }
    }

    @Test
    void closingDeliversWhatIsQueuedAndAFullQueueCountsDropsInsteadOfBlocking() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ListenerBus bus = new ListenerBus(List.of(r -> {
            seen.add(r.requestId());
            try {
                Thread.sleep(2); // a slow listener: the queue fills
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), 16);
        for (int i = 0; i < 100; i++) {
            bus.publish(record("r" + i));
        }
        bus.close();
        assertThat(seen.size() + bus.dropped()).isEqualTo(100);
        assertThat(bus.dropped()).isPositive();
        assertThat(seen).startsWith("r0");
    }
}
