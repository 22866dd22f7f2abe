package dev.lakegate.server.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.store.GroupRecord;
import dev.lakegate.server.store.PrincipalRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupServiceTest {
    @TempDir
    Path dir;

    GovernanceFixture f;
    GroupService groups;
    PrincipalRecord alice;
    PrincipalRecord bot;

    @BeforeEach
    void setUp() {
        f = new GovernanceFixture(dir);
        groups = f.governance.groups();
        alice = f.user("alice", false);
        bot = f.servicePrincipal("ci-app");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void everyActivePrincipalIsInUsersWhichCannotBeChangedOrDeleted() {
        GroupRecord users = groups.findByName("users").orElseThrow();
        assertThat(groups.members(users)).extracting(PrincipalRecord::name).containsExactly("alice", "ci-app");
        assertThat(groups.groupsOf(alice)).extracting(GroupRecord::name).containsExactly("users");
        assertThat(f.caller(alice).groups()).containsExactly("users");

        assertThatThrownBy(() -> groups.delete(users)).hasMessageContaining("built in and cannot be deleted");
        assertThatThrownBy(() -> groups.changeMembers(users, List.of(alice.id()), List.of())).hasMessageContaining("cannot be changed");

        f.governance.principals().deactivate(bot.id());
        assertThat(groups.members(users)).extracting(PrincipalRecord::name).containsExactly("alice");
        assertThat(groups.groupsOf(f.governance.principals().find(bot.id()).orElseThrow())).isEmpty();
    }

    @Test
    void aCachedCallerSeesItsMembershipChangeAtOnce() {
        GroupRecord team = groups.create("ml-team", List.of(bot.id()));
        var token = f.token(alice);
        Caller before = f.governance.authenticator().authenticate(token.secret()).orElseThrow();
        assertThat(before.groups()).containsExactly("users");

        groups.changeMembers(team, List.of(alice.id()), List.of());
        Caller after = f.governance.authenticator().authenticate(token.secret()).orElseThrow();
        assertThat(after.groups()).containsExactlyInAnyOrder("ml-team", "users");
        assertThat(after.groups().contains("ML-TEAM")).as("group names ignore case").isTrue();

        groups.delete(team);
        assertThat(f.governance.authenticator().authenticate(token.secret()).orElseThrow().groups()).containsExactly("users");
    }

    @Test
    void namesAreCheckedAndShareTheirNamespaceWithPrincipals() {
        groups.create("ml-team", List.of());
        assertThat(error(() -> groups.create("ML-Team", List.of())).status()).isEqualTo(409);
        var taken = error(() -> groups.create("ALICE", List.of()));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.message()).contains("user or service principal named 'ALICE'").contains("share one namespace");
        var principal = error(() -> f.user("ml-team", false));
        assertThat(principal.message()).contains("a group named 'ml-team' already exists");
        assertThat(error(() -> groups.create("data scientists", List.of())).message()).contains("without spaces");
        assertThat(error(() -> groups.create("ops", List.of(424242L))).message()).contains("no user or service principal has id 424242");
        assertThat(groups.findByName("ops")).as("nothing is created when a member is unknown").isEmpty();
        assertThat(f.governance.granteeName("ML-TEAM")).contains("ml-team");
        assertThat(f.governance.granteeName("Alice")).contains("alice");
        assertThat(f.governance.granteeName("nobody")).isEmpty();
    }

    private static GatewayError error(Runnable call) {
        try {
            call.run();
        } catch (GatewayException e) {
            return e.error();
        }
        throw new AssertionError("expected a GatewayException");
    }
}
