package dev.lakegate.server.governance;

import dev.lakegate.server.store.ControlPlane;
import dev.lakegate.server.store.DuplicateNameException;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.PrincipalStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Creates, changes and deactivates users and service principals; keeps at least one active admin. */
public final class PrincipalService {
    private static final String EXAMPLE_NAME = "alice@example.com";
    private final ControlPlane store;
    private final TokenAuthenticator authenticator;
    private final Clock clock;

    PrincipalService(ControlPlane store, TokenAuthenticator authenticator, Clock clock) {
        this.store = store;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    public PrincipalRecord create(NewPrincipal request) {
        String label = request.type() == PrincipalType.USER ? "userName" : "applicationId";
        PrincipalRecord record = new PrincipalRecord(0, request.type(), Names.name(request.name(), label, EXAMPLE_NAME),
                Names.displayName(request.displayName()), Names.email(request.email()),
                request.admin(), request.active(), clock.instant());
        try {
            return store.inTransaction((principals, tokens) -> {
                PrincipalRecord withId = withFreshId(principals, record);
                principals.insert(withId);
                return withId;
            });
        } catch (DuplicateNameException e) {
            throw duplicate(request.name());
        }
    }

    public Optional<PrincipalRecord> find(long id) {
        return store.principals().findById(id);
    }

    public Optional<PrincipalRecord> findByName(String name) {
        return store.principals().findByName(name);
    }

    /** Principals of one kind ({@code null}: both), by name. */
    public List<PrincipalRecord> list(PrincipalType type) {
        return store.principals().list(type);
    }

    public PrincipalRecord update(long id, PrincipalChanges changes) {
        PrincipalRecord updated;
        try {
            updated = store.inTransaction((principals, tokens) -> {
                PrincipalRecord current = principals.findById(id).orElseThrow(() -> notFound(id));
                PrincipalRecord next = apply(current, changes);
                requireAnotherAdmin(principals, current, next);
                principals.update(next);
                return next;
            });
        } catch (DuplicateNameException e) {
            throw duplicate(changes.name().orElse("?"));
        }
        authenticator.invalidatePrincipal(id);
        return updated;
    }

    /** Deactivates the principal and revokes its tokens; the row stays so usage keeps its owner. */
    public PrincipalRecord deactivate(long id) {
        PrincipalRecord result = store.inTransaction((principals, tokens) -> {
            PrincipalRecord current = principals.findById(id).orElseThrow(() -> notFound(id));
            PrincipalRecord next = current.withActive(false);
            requireAnotherAdmin(principals, current, next);
            principals.update(next);
            tokens.revokeAllOf(id, clock.instant());
            return next;
        });
        authenticator.invalidatePrincipal(id);
        return result;
    }

    private static PrincipalRecord apply(PrincipalRecord p, PrincipalChanges c) {
        String label = p.type() == PrincipalType.USER ? "userName" : "applicationId";
        return new PrincipalRecord(p.id(), p.type(),
                c.name().map(n -> Names.name(n, label, EXAMPLE_NAME)).orElse(p.name()),
                c.displayName().isPresent() ? Names.displayName(c.displayName().get()) : p.displayName(),
                c.email().isPresent() ? Names.email(c.email().get()) : p.email(),
                c.admin().orElse(p.admin()),
                c.active().orElse(p.active()),
                p.createdAt());
    }

    /** Losing the last active admin would lock everyone out of the admin API until a restart. */
    private static void requireAnotherAdmin(PrincipalStore principals, PrincipalRecord before, PrincipalRecord after) {
        boolean wasAdmin = before.admin() && before.active();
        boolean staysAdmin = after.admin() && after.active();
        if (wasAdmin && !staysAdmin && principals.activeAdmins().size() <= 1) {
            throw GovernanceErrors.invalid("'" + before.name() + "' is the last active admin: make another user admin"
                    + " (PATCH its \"admin\" to true) before demoting or deactivating this one");
        }
    }

    private static PrincipalRecord withFreshId(PrincipalStore principals, PrincipalRecord record) {
        long id;
        do {
            id = TokenSecrets.newPrincipalId();
        } while (principals.findById(id).isPresent());
        return new PrincipalRecord(id, record.type(), record.name(), record.displayName(), record.email(),
                record.admin(), record.active(), record.createdAt());
    }

    private RuntimeException duplicate(String name) {
        if (store.groups().findByName(name).isPresent()) {
            return GroupService.takenByGroup(name);
        }
        Optional<PrincipalRecord> holder = store.principals().findByName(name);
        String hint = holder.filter(p -> !p.active()).isPresent()
                ? " and is deactivated: reactivate it with PATCH {\"active\": true} on id " + holder.get().id()
                : ": choose another name, or update the existing principal (id "
                        + holder.map(p -> String.valueOf(p.id())).orElse("?") + ")";
        return GovernanceErrors.conflict("a user or service principal named '" + name + "' already exists" + hint);
    }

    static RuntimeException notFound(long id) {
        return GovernanceErrors.notFound("no user or service principal has id " + id + ": list users and service principals to find the right id");
    }
}
