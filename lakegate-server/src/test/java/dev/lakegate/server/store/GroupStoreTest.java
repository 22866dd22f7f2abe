package dev.lakegate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.governance.AccessControl;
import dev.lakegate.server.governance.GranteeKind;
import dev.lakegate.server.governance.PermissionLevel;
import dev.lakegate.server.governance.PrincipalType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Groups, memberships and endpoint ACLs, the same on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GroupStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    @Parameter
    TestDatabase backend;

    @TempDir
    Path dir;

    private StoreDatabase database;
    private ControlPlane store;

    @BeforeEach
    void open() {
        database = StoreDatabase.open(backend.fresh(dir), dir);
        store = ControlPlane.on(database);
        store.principals().insert(principal(10, PrincipalType.USER, "alice"));
        store.principals().insert(principal(11, PrincipalType.USER, "bob"));
        store.principals().insert(principal(12, PrincipalType.SERVICE_PRINCIPAL, "ci-app"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theBuiltInUsersGroupExistsWithoutMemberRows() {
        GroupRecord users = store.groups().findByName("USERS").orElseThrow();
        assertThat(users.id()).isEqualTo(GroupRecord.USERS_ID);
        assertThat(users.builtIn()).isTrue();
        assertThat(store.groups().members(users.id())).isEmpty();
        assertThat(store.groups().list()).extracting(GroupRecord::name).containsExactly("users");
    }

    @Test
    void namesAreUniqueIgnoringCaseAcrossGroupsAndPrincipals() {
        store.groups().insert(group(20, "ML-Team"));
        assertThat(store.groups().findByName("ml-team")).map(GroupRecord::id).contains(20L);
        assertThatThrownBy(() -> store.groups().insert(group(21, "ml-TEAM"))).isInstanceOf(DuplicateNameException.class);
        assertThatThrownBy(() -> store.groups().insert(group(22, "ALICE"))).as("a user's name").isInstanceOf(DuplicateNameException.class);
        assertThatThrownBy(() -> store.groups().insert(group(23, "Users"))).isInstanceOf(DuplicateNameException.class);
        assertThatThrownBy(() -> store.principals().insert(principal(13, PrincipalType.USER, "ml-team")))
                .as("a group's name").isInstanceOf(DuplicateNameException.class);
        assertThatThrownBy(() -> store.principals().update(principal(11, PrincipalType.USER, "Ml-Team")))
                .as("renaming into a group's name").isInstanceOf(DuplicateNameException.class);
        assertThat(store.groups().list()).extracting(GroupRecord::name).containsExactly("ML-Team", "users");
    }

    @Test
    void membersAreAddedAndRemovedIdempotently() {
        store.groups().insert(group(20, "ml-team"));
        store.groups().insert(group(21, "ops"));
        store.groups().changeMembers(20, List.of(11L, 10L, 12L), List.of(), T0);
        store.groups().changeMembers(20, List.of(10L), List.of(99L), T0); // again, and a non-member
        store.groups().changeMembers(21, List.of(10L), List.of(), T0);
        assertThat(store.groups().members(20)).extracting(PrincipalRecord::name).containsExactly("alice", "bob", "ci-app");
        assertThat(store.groups().groupsOf(10)).extracting(GroupRecord::name).containsExactly("ml-team", "ops");

        store.groups().changeMembers(20, List.of(), List.of(11L), T0);
        assertThat(store.groups().members(20)).extracting(PrincipalRecord::name).containsExactly("alice", "ci-app");
        assertThat(store.groups().groupsOf(11)).isEmpty();
        Map<Long, List<GroupRecord>> memberships = store.groups().memberships();
        assertThat(memberships.keySet()).containsExactlyInAnyOrder(10L, 12L);
        assertThat(memberships.get(10L)).extracting(GroupRecord::name).containsExactly("ml-team", "ops");
    }

    @Test
    void theCredentialOfATokenCarriesItsOwnersGroups() {
        store.groups().insert(group(20, "ml-team"));
        store.groups().changeMembers(20, List.of(10L), List.of(), T0);
        store.tokens().insert(new TokenRecord("tok_a", 10, "hash-a", null, 10, T0, Optional.empty(), Optional.empty(),
                Optional.empty()));
        assertThat(store.tokens().findCredential("hash-a").orElseThrow().groups()).containsExactly("ml-team");
    }

    @Test
    void deletingAGroupTakesItsMembershipsPermissionsAndCatalogGrantsAlong() {
        store.groups().insert(group(20, "ml-team"));
        store.groups().changeMembers(20, List.of(10L, 11L), List.of(), T0);
        store.endpointAcls().replace("claude", List.of(new AclEntry(GranteeKind.GROUP, 20, PermissionLevel.CAN_QUERY),
                new AclEntry(GranteeKind.USER, 11, PermissionLevel.CAN_MANAGE)), T0);
        database.jdbi().useHandle(h -> h.execute(
                "INSERT INTO grants (securable_type, securable_name, principal, privilege, created_at) VALUES ('CATALOG', 'system', 'ml-team', 'USE_CATALOG', 0)"));

        assertThat(store.groups().delete(20)).isTrue();
        assertThat(store.groups().delete(20)).isFalse();
        assertThat(store.groups().findByName("ml-team")).isEmpty();
        assertThat(store.groups().groupsOf(10)).isEmpty();
        assertThat(store.endpointAcls().all().get("claude")).containsExactly(new AccessControl(GranteeKind.USER, "bob", PermissionLevel.CAN_MANAGE));
        int grants = database.jdbi().withHandle(h -> h.select("SELECT count(*) FROM grants WHERE principal = 'ml-team'").mapTo(Integer.class).one());
        assertThat(grants).isZero();
        // A new group of the same name starts with nothing.
        store.groups().insert(group(21, "ml-team"));
        assertThat(store.groups().members(21)).isEmpty();
    }

    @Test
    void anAclOnceSetReplacesTheConfiguredOneAndNamesGranteesAsTheyAreNow() {
        assertThat(store.endpointAcls().all()).isEmpty();
        store.endpointAcls().replace("closed", List.of(), T0);
        List<AclEntry> configured = List.of(new AclEntry(GranteeKind.GROUP, GroupRecord.USERS_ID, PermissionLevel.CAN_QUERY));
        store.endpointAcls().add("claude", configured, List.of(new AclEntry(GranteeKind.SERVICE_PRINCIPAL, 12, PermissionLevel.CAN_MANAGE)), T0);
        store.endpointAcls().add("claude", configured, List.of(new AclEntry(GranteeKind.USER, 10, PermissionLevel.CAN_QUERY),
                new AclEntry(GranteeKind.USER, 10, PermissionLevel.CAN_QUERY)), T0);

        Map<String, List<AccessControl>> all = store.endpointAcls().all();
        assertThat(all.get("closed")).as("set, and empty").isEmpty();
        assertThat(all.get("claude")).containsExactly(
                new AccessControl(GranteeKind.GROUP, "users", PermissionLevel.CAN_QUERY),
                new AccessControl(GranteeKind.SERVICE_PRINCIPAL, "ci-app", PermissionLevel.CAN_MANAGE),
                new AccessControl(GranteeKind.USER, "alice", PermissionLevel.CAN_QUERY));

        store.principals().update(principal(10, PrincipalType.USER, "alice2"));
        store.endpointAcls().add("claude", configured, List.of(new AclEntry(GranteeKind.USER, 999, PermissionLevel.CAN_QUERY)), T0);
        assertThat(store.endpointAcls().all().get("claude")).as("renamed; a vanished grantee is left out")
                .contains(new AccessControl(GranteeKind.USER, "alice2", PermissionLevel.CAN_QUERY)).hasSize(3);

        store.endpointAcls().replace("claude", List.of(new AclEntry(GranteeKind.USER, 11, PermissionLevel.CAN_QUERY)), T0);
        assertThat(store.endpointAcls().all().get("claude")).containsExactly(new AccessControl(GranteeKind.USER, "bob", PermissionLevel.CAN_QUERY));
        assertThat(store.endpointAcls().all().keySet()).isEqualTo(Set.of("claude", "closed"));
    }

    @Test
    void everyControlPlaneChangeMovesTheVersionButLastUseDoesNot() {
        long v0 = store.version();
        store.groups().insert(group(20, "ml-team"));
        long v1 = store.version();
        store.groups().changeMembers(20, List.of(10L), List.of(), T0);
        long v2 = store.version();
        store.endpointAcls().replace("claude", List.of(), T0);
        long v3 = store.version();
        store.principals().update(principal(11, PrincipalType.USER, "bobby"));
        store.tokens().insert(new TokenRecord("tok_a", 10, "hash-a", null, 10, T0, Optional.empty(), Optional.empty(),
                Optional.empty()));
        long v4 = store.version();
        store.tokens().revoke("tok_a", T0);
        long v5 = store.version();
        store.inTransaction((principals, tokens) -> tokens.revokeAllOf(10, T0));
        long v6 = store.version();
        assertThat(List.of(v0, v1, v2, v3, v4, v5, v6)).isSorted().doesNotHaveDuplicates();
        store.tokens().recordLastUsed(Map.of("tok_a", T0));
        assertThat(store.version()).isEqualTo(v6);
        assertThatThrownBy(() -> store.groups().insert(group(21, "ML-TEAM"))).isInstanceOf(DuplicateNameException.class);
        assertThat(store.version()).as("a failed write rolls its bump back").isEqualTo(v6);
    }

    private static GroupRecord group(long id, String name) {
        return new GroupRecord(id, name, T0);
    }

    private static PrincipalRecord principal(long id, PrincipalType type, String name) {
        return new PrincipalRecord(id, type, name, null, null, false, true, T0);
    }
}
