package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.config.DatabaseConfig;
import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two whole gateways started together on one PostgreSQL database: what one changes, the other serves. */
class GatewaysOnPostgresTest {

    @Test
    void twoGatewaysShareUsersTokensAndTheCatalog() throws Exception {
        DatabaseConfig db = PostgresServer.shared().createDatabase();
        String section = "database: {url: '%s', user: %s, password: '%s', pool_size: 3}".formatted(db.url(), db.user(), db.password());
        TestGateway a;
        TestGateway b;
        try (ExecutorService starting = Executors.newFixedThreadPool(2)) {
            // Both migrate, bootstrap the admin and create catalog system at the same time.
            Future<TestGateway> first = starting.submit(() -> TestGateway.start("", "", "", section));
            Future<TestGateway> second = starting.submit(() -> TestGateway.start("", "", "", section));
            a = first.get();
            b = second.get();
        }
        try (a; b) {
            LakeClient onA = new LakeClient(a);
            LakeClient onB = new LakeClient(b);
            String bob = onA.user("bob");
            onA.admin("CREATE CATALOG main");
            onB.admin("CREATE SCHEMA main.s");
            onA.admin("CREATE TABLE main.s.t (a INT)");
            onB.admin("INSERT INTO main.s.t VALUES (1)");
            onA.admin("GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG main TO bob");

            assertThat(onB.ok(bob, "SELECT count(*) FROM main.s.t")).containsExactly(List.of("1"));
            assertThat(onB.admin("SHOW CATALOGS")).contains(List.of("main"), List.of("system"));
        }
    }
}
