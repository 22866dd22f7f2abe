package dev.lakegate.server.governance;

import dev.lakegate.server.store.ControlPlane;
import java.time.Clock;
import java.util.Optional;

/**
 * Identity and access for one gateway process, built on a control-plane store: the authenticator
 * for the request pipeline and the services behind the admin API. Closing it writes pending
 * last-used times; the store is closed by whoever opened it.
 */
public final class Governance implements AutoCloseable {
    private final ControlPlane store;
    private final Clock clock;
    private final TokenAuthenticator authenticator;
    private final PrincipalService principals;
    private final TokenService tokens;

    private Governance(ControlPlane store, Clock clock, TokenAuthenticator.Settings settings) {
        this.store = store;
        this.clock = clock;
        this.authenticator = new TokenAuthenticator(store.tokens(), clock, settings);
        this.principals = new PrincipalService(store, authenticator, clock);
        this.tokens = new TokenService(store, authenticator, clock);
    }

    public static Governance create(ControlPlane store) {
        return create(store, Clock.systemUTC(), TokenAuthenticator.Settings.defaults());
    }

    public static Governance create(ControlPlane store, Clock clock, TokenAuthenticator.Settings settings) {
        return new Governance(store, clock, settings);
    }

    /**
     * Ensures an admin exists; see {@link Bootstrap}. Print {@code generatedSecret} once when present.
     *
     * @param suppliedAdminToken the value of {@code LAKEGATE_ADMIN_TOKEN}, if set
     * @throws IllegalArgumentException when the supplied token is unusable (the message says why)
     */
    public Bootstrap.Result bootstrap(Optional<String> suppliedAdminToken) {
        Bootstrap.Result result = Bootstrap.run(store, clock, suppliedAdminToken);
        authenticator.invalidateAll(); // forget any negative answer for the secret just stored
        return result;
    }

    public TokenAuthenticator authenticator() {
        return authenticator;
    }

    public PrincipalService principals() {
        return principals;
    }

    public TokenService tokens() {
        return tokens;
    }

    @Override
    public void close() {
        authenticator.close();
    }
}
