package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.CatalogException;
import dev.lakegate.lake.catalog.CatalogInfo;
import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.server.config.DatabaseConfig;
import dev.lakegate.server.governance.Bootstrap;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.governance.TokenAuthenticator;
import dev.lakegate.server.lake.SqlCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two gateways on one database, each with its own connections and locks as two processes have,
 * doing the same thing at the same moment: one wins and the other sees what the winner did.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class TwoGatewaysTest {
    private static final int ROUNDS = 10;
    private static final TokenAuthenticator.Settings NO_FLUSHER =
            new TokenAuthenticator.Settings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO, 1000);

    @Parameter
    TestDatabase backend;

    @TempDir
    Path dir;

    private DatabaseConfig config;
    private final List<StoreDatabase> opened = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        config = backend.fresh(dir);
    }

    @AfterEach
    void close() {
        opened.forEach(StoreDatabase::close);
    }

    @Test
    void startingTogetherOnAFreshDatabaseMigratesItOnceAndCreatesOneAdmin() throws Exception {
        List<Object> databases = atOnce(() -> open(), () -> open());
        assertThat(databases).allMatch(StoreDatabase.class::isInstance);
        List<Governance> gateways = databases.stream()
                .map(d -> Governance.create(ControlPlane.on((StoreDatabase) d), Clock.systemUTC(), NO_FLUSHER)).toList();

        List<Object> starts = atOnce(() -> gateways.get(0).bootstrap(Optional.empty()), () -> gateways.get(1).bootstrap(Optional.empty()));

        assertThat(starts).extracting(r -> ((Bootstrap.Result) r).adminCreated()).containsExactlyInAnyOrder(true, false);
        assertThat(starts.stream().map(r -> ((Bootstrap.Result) r).admin().id()).distinct()).hasSize(1);
        ControlPlane store = ControlPlane.on((StoreDatabase) databases.getFirst());
        assertThat(store.principals().activeAdmins()).hasSize(1);
        assertThat(store.tokens().list(Optional.empty())).hasSize(1);
        gateways.forEach(Governance::close);
    }

    @Test
    void creatingTheSamePrincipalAtOnceLeavesOneAndTellsTheOtherItIsTaken() throws Exception {
        ControlPlane a = ControlPlane.on(open());
        ControlPlane b = ControlPlane.on(open());
        for (int round = 0; round < ROUNDS; round++) {
            String name = "user-" + round;
            int id = round * 2;
            List<Object> outcomes = atOnce(() -> insert(a, ControlPlaneTest.user(id + 1, name, false)),
                    () -> insert(b, ControlPlaneTest.user(id + 2, name.toUpperCase(), false)));
            assertThat(outcomes).as("round %d", round).filteredOn(o -> o.equals("inserted")).hasSize(1);
            assertThat(outcomes).as("round %d", round).filteredOn(DuplicateNameException.class::isInstance).hasSize(1);
        }
        assertThat(a.principals().list(null)).hasSize(ROUNDS);
    }

    @Test
    void creatingTheSameCatalogAtOnceLeavesOneAndTellsTheOtherItExists() throws Exception {
        SqlCatalog a = new SqlCatalog(open(), "/lake", Clock.systemUTC());
        SqlCatalog b = new SqlCatalog(open(), "/lake", Clock.systemUTC());
        for (int round = 0; round < ROUNDS; round++) {
            CatalogName name = new CatalogName("c" + round);
            List<Object> outcomes = atOnce(() -> a.createCatalog(name, Optional.empty(), "alice"),
                    () -> b.createCatalog(name, Optional.empty(), "bob"));
            assertThat(outcomes).as("round %d", round).filteredOn(CatalogInfo.class::isInstance).hasSize(1);
            assertThat(outcomes).as("round %d", round)
                    .filteredOn(o -> o instanceof CatalogException e && e.kind() == CatalogException.Kind.ALREADY_EXISTS).hasSize(1);
        }
        assertThat(b.listCatalogs()).hasSize(ROUNDS);
    }

    @Test
    void demotingBothAdminsAtOnceKeepsTheLastOne() throws Exception {
        List<Governance> gateways = List.of(governance(open()), governance(open()));
        long first = gateways.get(0).principals().create(new NewPrincipal(PrincipalType.USER, "ann", null, null, true, true)).id();
        long second = gateways.get(0).principals().create(new NewPrincipal(PrincipalType.USER, "bea", null, null, true, true)).id();

        List<Object> outcomes = atOnce(() -> gateways.get(0).principals().deactivate(first),
                () -> gateways.get(1).principals().deactivate(second));

        assertThat(outcomes).filteredOn(RuntimeException.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((RuntimeException) e).getMessage()).contains("is the last active admin"));
        assertThat(ControlPlane.on(opened.getFirst()).principals().activeAdmins()).hasSize(1);
        gateways.forEach(Governance::close);
    }

    private StoreDatabase open() {
        StoreDatabase database = StoreDatabase.open(config, dir);
        synchronized (opened) {
            opened.add(database);
        }
        return database;
    }

    private static Governance governance(StoreDatabase database) {
        return Governance.create(ControlPlane.on(database), Clock.systemUTC(), NO_FLUSHER);
    }

    private static String insert(ControlPlane store, PrincipalRecord principal) {
        store.principals().insert(principal);
        return "inserted";
    }

    /** Runs both at the same moment on two threads; each outcome is the value returned or the exception thrown. */
    private static List<Object> atOnce(Callable<?> first, Callable<?> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<Object>> running = new ArrayList<>();
            for (Callable<?> task : List.of(first, second)) {
                running.add(threads.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : running) {
                outcomes.add(f.get());
            }
            return outcomes;
        }
    }
}
