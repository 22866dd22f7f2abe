package dev.lakegate.server.governance;

import dev.lakegate.server.store.ControlPlane;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.StoreDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Optional;

/** A store on a temp SQLite file plus governance on a hand-moved clock; the background flusher is off. */
public final class GovernanceFixture implements AutoCloseable {
    public static final Duration TTL = Duration.ofSeconds(10);
    public static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);

    public final Path file;
    public final TestClock clock = new TestClock();
    private final StoreDatabase database;
    public final ControlPlane store;
    public final Governance governance;

    public GovernanceFixture(Path dir) {
        this.file = dir.resolve("lakegate.db");
        this.database = StoreDatabase.openDataDir(dir);
        this.store = ControlPlane.on(database);
        this.governance = Governance.create(store, clock, new TokenAuthenticator.Settings(TTL, NEGATIVE_TTL, Duration.ZERO, 1000));
    }

    public PrincipalRecord user(String name, boolean admin) {
        return governance.principals().create(new NewPrincipal(PrincipalType.USER, name, null, name + "@example.com", admin, true));
    }

    public PrincipalRecord servicePrincipal(String applicationId) {
        return governance.principals().create(new NewPrincipal(PrincipalType.SERVICE_PRINCIPAL, applicationId, applicationId, null, false, true));
    }

    /** The caller a fresh token of {@code owner} authenticates as, groups resolved. */
    public Caller caller(PrincipalRecord owner) {
        return governance.authenticator().authenticate(token(owner).secret()).orElseThrow();
    }

    public IssuedToken token(PrincipalRecord owner) {
        return governance.tokens().create(owner, owner.id(), "test", Optional.empty());
    }

    /** A second connection, as another gateway process or an operator with sqlite3 would have. */
    public Connection raw() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    @Override
    public void close() {
        governance.close();
        database.close();
    }
}
