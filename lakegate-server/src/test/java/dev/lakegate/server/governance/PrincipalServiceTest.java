package dev.lakegate.server.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.TokenRecord;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalServiceTest {
    @TempDir
    Path dir;

    GovernanceFixture f;
    PrincipalService principals;

    @BeforeEach
    void setUp() {
        f = new GovernanceFixture(dir);
        principals = f.governance.principals();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void createsWithAnOpaqueIdAndFindsByNameIgnoringCase() {
        PrincipalRecord alice = principals.create(new NewPrincipal(PrincipalType.USER, "Alice", "Alice A", "alice@example.com", false, true));
        assertThat(alice.id()).isPositive().isLessThan(1L << 53);
        assertThat(principals.findByName("alice")).contains(alice);
        assertThat(alice.createdAt()).isEqualTo(f.clock.instant());
    }

    @Test
    void aDuplicateNameIsAConflictThatSaysWhatToDo() {
        PrincipalRecord alice = f.user("alice", false);
        assertThatThrownBy(() -> f.user("ALICE", false))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().status()).isEqualTo(409))
                .hasMessageContaining("already exists").hasMessageContaining(String.valueOf(alice.id()));
        principals.deactivate(alice.id());
        assertThatThrownBy(() -> f.user("alice", false)).hasMessageContaining("deactivated").hasMessageContaining("\"active\": true");
    }

    @Test
    void validatesNamesAndEmails() {
        assertThatThrownBy(() -> principals.create(new NewPrincipal(PrincipalType.USER, "has space", null, null, false, true)))
                .hasMessageContaining("without spaces");
        assertThatThrownBy(() -> principals.create(new NewPrincipal(PrincipalType.USER, " ", null, null, false, true)))
                .hasMessageContaining("userName is required");
        assertThatThrownBy(() -> principals.create(new NewPrincipal(PrincipalType.USER, "bob", null, "not-an-email", false, true)))
                .hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> principals.create(new NewPrincipal(PrincipalType.SERVICE_PRINCIPAL, "", null, null, false, true)))
                .hasMessageContaining("applicationId is required");
    }

    @Test
    void updatesOnlyWhatChangesAndClearsBlankFields() {
        PrincipalRecord alice = f.user("alice", false);
        PrincipalRecord renamed = principals.update(alice.id(), PrincipalChanges.none().withName("alice2").withDisplayName("Al"));
        assertThat(renamed.name()).isEqualTo("alice2");
        assertThat(renamed.displayName()).isEqualTo("Al");
        assertThat(renamed.email()).isEqualTo("alice@example.com");
        PrincipalRecord cleared = principals.update(alice.id(), PrincipalChanges.none().withEmail(""));
        assertThat(cleared.email()).isNull();
        assertThat(principals.find(alice.id())).contains(cleared);
        assertThatThrownBy(() -> principals.update(42, PrincipalChanges.none())).hasMessageContaining("no user or service principal has id 42");
    }

    @Test
    void deactivatingRevokesEveryTokenAndKeepsTheRow() {
        PrincipalRecord alice = f.user("alice", false);
        IssuedToken one = f.token(alice);
        f.token(alice);
        principals.deactivate(alice.id());
        assertThat(principals.find(alice.id())).map(PrincipalRecord::active).contains(false);
        assertThat(f.governance.tokens().list(Optional.of(alice.id()))).hasSize(2).allMatch(TokenRecord::revoked);
        principals.update(alice.id(), PrincipalChanges.none().withActive(true));
        assertThat(f.governance.authenticator().authenticate(one.secret())).as("reactivation does not revive tokens").isEmpty();
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDeactivated() {
        PrincipalRecord root = f.user("root", true);
        assertThatThrownBy(() -> principals.update(root.id(), PrincipalChanges.none().withAdmin(false)))
                .hasMessageContaining("last active admin");
        assertThatThrownBy(() -> principals.deactivate(root.id())).hasMessageContaining("last active admin");
        PrincipalRecord second = f.user("second", true);
        principals.deactivate(root.id());
        assertThat(principals.find(root.id())).map(PrincipalRecord::active).contains(false);
        assertThat(principals.find(second.id())).map(PrincipalRecord::admin).contains(true);
    }
}
