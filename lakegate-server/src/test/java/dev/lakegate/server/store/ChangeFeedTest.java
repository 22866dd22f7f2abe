package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.governance.PrincipalType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The change feed sees changes made through another connection (another gateway) of the same database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ChangeFeedTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    @Parameter
    TestDatabase backend;

    @TempDir
    Path dir;

    private StoreDatabase here;
    private StoreDatabase elsewhere;

    @BeforeEach
    void open() {
        var config = backend.fresh(dir);
        here = StoreDatabase.open(config, dir);
        elsewhere = StoreDatabase.open(config, dir);
    }

    @AfterEach
    void close() {
        here.close();
        elsewhere.close();
    }

    @Test
    void subscribersRunOncePerChangeAndAgainAfterAFailure() {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean failing = new AtomicBoolean();
        try (ChangeFeed feed = ChangeFeed.start(ControlPlane.on(here), Duration.ZERO)) {
            feed.subscribe(runs::incrementAndGet);
            feed.subscribe(() -> {
                if (failing.get()) {
                    throw new IllegalStateException("store down");
                }
            });
            assertThat(feed.check()).isFalse();

            ControlPlane.on(elsewhere).principals().insert(new PrincipalRecord(1, PrincipalType.USER, "alice", null, null, false, true, T0));
            assertThat(feed.check()).isTrue();
            assertThat(feed.check()).isFalse();
            assertThat(runs).hasValue(1);

            failing.set(true);
            ControlPlane.on(elsewhere).groups().insert(new GroupRecord(2, "ml-team", T0));
            assertThat(feed.check()).isTrue();
            failing.set(false);
            assertThat(feed.check()).as("the failed delivery is repeated").isTrue();
            assertThat(feed.check()).isFalse();
            assertThat(runs).hasValue(3);
        }
    }

    @Test
    void pollingNoticesAChangeWithinTheInterval() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (ChangeFeed feed = ChangeFeed.start(ControlPlane.on(here), Duration.ofMillis(100))) {
            feed.subscribe(runs::incrementAndGet);
            ControlPlane.on(elsewhere).endpointAcls().replace("claude", java.util.List.of(), T0);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (runs.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(runs).hasValue(1);
        }
    }
}
