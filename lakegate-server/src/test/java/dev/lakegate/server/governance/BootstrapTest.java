package dev.lakegate.server.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.TokenRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTest {
    private static final String SUPPLIED = "operator-chosen-admin-token-0123";

    @TempDir
    Path dir;

    @Test
    void firstStartCreatesAnAdminAndGeneratesATokenOnceAcrossRestarts() {
        String generated;
        try (GovernanceFixture f = new GovernanceFixture(dir)) {
            Bootstrap.Result first = f.governance.bootstrap(Optional.empty());
            assertThat(first.adminCreated()).isTrue();
            assertThat(first.admin().name()).isEqualTo("admin");
            generated = first.generatedSecret().orElseThrow();
            assertThat(generated).startsWith("lg_");
            assertThat(first.toString()).doesNotContain(generated);
            Caller caller = f.governance.authenticator().authenticate(generated).orElseThrow();
            assertThat(caller.principal().admin()).isTrue();
        }
        try (GovernanceFixture restarted = new GovernanceFixture(dir)) {
            Bootstrap.Result second = restarted.governance.bootstrap(Optional.empty());
            assertThat(second.adminCreated()).isFalse();
            assertThat(second.generatedSecret()).isEmpty();
            assertThat(restarted.governance.principals().list(null)).hasSize(1);
            assertThat(restarted.governance.tokens().list(Optional.empty())).hasSize(1);
            assertThat(restarted.governance.authenticator().authenticate(generated)).isPresent();
        }
    }

    @Test
    void aSuppliedTokenIsStoredOnceAndNothingIsGenerated() {
        try (GovernanceFixture f = new GovernanceFixture(dir)) {
            Bootstrap.Result first = f.governance.bootstrap(Optional.of(SUPPLIED));
            assertThat(first.adminCreated()).isTrue();
            assertThat(first.generatedSecret()).isEmpty();
            assertThat(first.suppliedTokenAdded()).isTrue();
            assertThat(f.governance.authenticator().authenticate(SUPPLIED).orElseThrow().principal().name()).isEqualTo("admin");

            Bootstrap.Result again = f.governance.bootstrap(Optional.of(SUPPLIED));
            assertThat(again.suppliedTokenAdded()).isFalse();
            assertThat(again.generatedSecret()).isEmpty();
            assertThat(f.governance.tokens().list(Optional.empty())).singleElement()
                    .satisfies(t -> assertThat(t.comment()).isEqualTo(Bootstrap.SUPPLIED_COMMENT));
        }
    }

    @Test
    void aSuppliedTokenOnAnExistingInstallationIsAddedAndReplacesNothing() {
        try (GovernanceFixture f = new GovernanceFixture(dir)) {
            String generated = f.governance.bootstrap(Optional.empty()).generatedSecret().orElseThrow();
            PrincipalRecord alice = f.user("alice", true);
            IssuedToken aliceToken = f.token(alice);

            Bootstrap.Result result = f.governance.bootstrap(Optional.of(SUPPLIED));
            assertThat(result.adminCreated()).isFalse();
            assertThat(result.suppliedTokenAdded()).isTrue();
            assertThat(result.admin().name()).as("prefers user admin").isEqualTo("admin");
            assertThat(f.governance.tokens().list(Optional.empty())).hasSize(3).noneMatch(TokenRecord::revoked);
            for (String secret : List.of(generated, aliceToken.secret(), SUPPLIED)) {
                assertThat(f.governance.authenticator().authenticate(secret)).isPresent();
            }
        }
    }

    @Test
    void aRevokedSuppliedTokenDoesNotComeBack() {
        try (GovernanceFixture f = new GovernanceFixture(dir)) {
            f.governance.bootstrap(Optional.of(SUPPLIED));
            String id = f.governance.tokens().list(Optional.empty()).getFirst().id();
            f.governance.tokens().revoke(id);
            Bootstrap.Result result = f.governance.bootstrap(Optional.of(SUPPLIED));
            assertThat(result.suppliedTokenAdded()).isFalse();
            assertThat(f.governance.authenticator().authenticate(SUPPLIED)).isEmpty();
        }
    }

    @Test
    void withNoActiveAdminLeftTheAdminUserIsReenabledWithAFreshToken() {
        try (GovernanceFixture f = new GovernanceFixture(dir)) {
            f.governance.bootstrap(Optional.empty());
            PrincipalRecord admin = f.governance.principals().findByName("admin").orElseThrow();
            // Only possible behind the service's back (it keeps one active admin): an operator editing the database.
            f.store.principals().update(admin.withActive(false));
            Bootstrap.Result result = f.governance.bootstrap(Optional.empty());
            assertThat(result.adminCreated()).isTrue();
            assertThat(result.admin().id()).isEqualTo(admin.id());
            assertThat(f.governance.authenticator().authenticate(result.generatedSecret().orElseThrow())).isPresent();
        }
    }

    @Test
    void rejectsUnusableSuppliedTokens() {
        assertThatThrownBy(() -> Bootstrap.validateSuppliedToken("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Bootstrap.validateSuppliedToken("short")).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> Bootstrap.validateSuppliedToken("long enough but has spaces")).hasMessageContaining("whitespace");
        assertThat(Bootstrap.validateSuppliedToken(SUPPLIED)).isEqualTo(SUPPLIED);
        try (GovernanceFixture f = new GovernanceFixture(dir)) {
            assertThatThrownBy(() -> f.governance.bootstrap(Optional.of("tiny"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(f.governance.principals().list(null)).as("nothing created").isEmpty();
        }
    }
}
