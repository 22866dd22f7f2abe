package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.delta.DeltaTable;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.delta.Row;
import dev.lakegate.lake.sql.SqlParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppenderTest {
    static final TableName NAME = new TableName("main", "s", "t");
    final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void transactionNumbersRiseEvenWhenTheClockStandsStill() {
        Appender appender = new Appender(clock);
        long first = appender.next(0);
        assertThat(first).isEqualTo(clock.instant().getEpochSecond() * 1_000_000L);
        assertThat(appender.next(0)).isEqualTo(first + 1);
        assertThat(appender.next(first + 100)).isEqualTo(first + 100);
    }

    @Test
    void concurrentInsertsUnderTheSameTransactionIdAllLand(@TempDir Path dir) throws Exception {
        DeltaTable table = new DeltaTables().create(dir.resolve("t").toString(), SqlParser.parseColumns("a INT"), Map.of());
        Appender appender = new Appender(Clock.systemUTC());
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 10;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 3; i++) {
                    appender.append(table, NAME, List.of(Row.of(base + i)));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(table.read()).hasSize(12).contains(Row.of(0), Row.of(12), Row.of(32));
    }

    @Test
    void anInsertSkippedByAHigherRecordedNumberIsRetriedNotDropped(@TempDir Path dir) {
        DeltaTable table = new DeltaTables().create(dir.resolve("t").toString(), SqlParser.parseColumns("a INT"), Map.of());
        long ahead = clock.instant().getEpochSecond() * 1_000_000L + 5_000_000L; // another gateway's clock, 5 s ahead
        table.append(List.of(Row.of(1)), Appender.APP_ID, ahead);

        assertThat(new Appender(clock).append(table, NAME, List.of(Row.of(2), Row.of(3)))).isEqualTo(2);
        assertThat(table.read()).containsExactlyInAnyOrder(Row.of(1), Row.of(2), Row.of(3));
        assertThat(new Appender(clock).append(table, NAME, List.of())).isZero();
    }
}
