package dev.lakegate.server.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.server.config.GatewayConfig;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.EndpointPermissions;
import dev.lakegate.server.governance.GovernanceFixture;
import dev.lakegate.server.governance.PermissionLevel;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.provider.EndpointRegistry;
import dev.lakegate.server.store.PrincipalRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermissionsApiTest {
    static final String PERMISSIONS = "/api/2.0/permissions/serving-endpoints/";

    @TempDir
    Path dir;

    GovernanceFixture f;
    EndpointRegistry endpoints;
    AdminApiClient api;
    Caller admin;
    Caller carol;
    Caller alice;
    PrincipalRecord bot;

    @BeforeEach
    void setUp() {
        f = new GovernanceFixture(dir);
        endpoints = new EndpointRegistry();
        endpoints.load(GatewayConfig.parse("""
                providers: [{name: p, type: openai-compatible, base_url: "http://127.0.0.1:9/v1"}]
                endpoints:
                  - {name: open, aliases: [open-*], destinations: [{provider: p, model: m}]}
                  - name: team
                    destinations: [{provider: p, model: m}]
                    permissions:
                      - {group_name: ml-team, permission_level: CAN_QUERY}
                      - {user_name: carol, permission_level: can_manage}
                      - {user_name: ghost, permission_level: CAN_QUERY}
                  - {name: closed, permissions: [], destinations: [{provider: p, model: m}]}
                """, "test"), name -> null, null);
        api = new AdminApiClient(AdminApi.routes(f.governance, endpoints, (endpoint, table) -> { }));
        admin = f.caller(f.user("root", true));
        carol = f.caller(f.user("carol", false));
        alice = f.caller(f.user("alice", false));
        bot = f.servicePrincipal("ci-app");
        f.governance.groups().create("ml-team", List.of(bot.id()));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void anEndpointStartsWithItsConfiguredAclAndEveryoneMayQueryByDefault() {
        JsonNode open = api.ok(admin, "GET", PERMISSIONS + "open", null);
        assertThat(open.path("object_id").asText()).isEqualTo("/serving-endpoints/open");
        assertThat(open.path("object_type").asText()).isEqualTo("serving-endpoint");
        assertThat(open.path("source").asText()).isEqualTo("configuration");
        assertThat(open.path("access_control_list")).singleElement().satisfies(e -> {
            assertThat(e.path("group_name").asText()).isEqualTo("users");
            assertThat(e.path("all_permissions").get(0).path("permission_level").asText()).isEqualTo("CAN_QUERY");
            assertThat(e.path("all_permissions").get(0).path("inherited").asBoolean(true)).isFalse();
        });
        assertThat(api.ok(admin, "GET", PERMISSIONS + "closed", null).path("access_control_list")).isEmpty();

        JsonNode levels = api.ok(admin, "GET", PERMISSIONS + "open/permissionLevels", null);
        assertThat(levels.path("permission_levels")).extracting(l -> l.path("permission_level").asText()).containsExactly("CAN_QUERY", "CAN_MANAGE");
    }

    @Test
    void putReplacesAndPatchAddsToTheAclInForce() {
        JsonNode added = api.ok(admin, "PATCH", PERMISSIONS + "team", """
                {"access_control_list":[{"service_principal_name":"CI-APP","permission_level":"CAN_MANAGE"},
                                        {"user_name":"carol","permission_level":"CAN_QUERY"}]}""");
        assertThat(added.path("source").asText()).isEqualTo("api");
        assertThat(entries(added)).containsExactly("group ml-team CAN_QUERY", "service_principal ci-app CAN_MANAGE",
                "user carol CAN_MANAGE,CAN_QUERY"); // the configured entries naming existing grantees are kept

        JsonNode replaced = api.ok(admin, "PUT", PERMISSIONS + "team", "{\"access_control_list\":[{\"user_name\":\"alice\",\"permission_level\":\"CAN_QUERY\"}]}");
        assertThat(entries(replaced)).containsExactly("user alice CAN_QUERY");
        assertThat(entries(api.ok(admin, "GET", PERMISSIONS + "team", null))).containsExactly("user alice CAN_QUERY");

        JsonNode emptied = api.ok(admin, "PUT", PERMISSIONS + "team", "{\"access_control_list\":[]}");
        assertThat(emptied.path("access_control_list")).isEmpty();
        assertThat(emptied.path("source").asText()).as("an empty stored ACL still wins over the configured one").isEqualTo("api");
    }

    @Test
    void aHolderOfCanManageMayChangeTheAclButAPlainUserMayNot() {
        assertThat(entries(api.ok(carol, "GET", PERMISSIONS + "team", null))).contains("user carol CAN_MANAGE");
        api.ok(carol, "PATCH", PERMISSIONS + "team", "{\"access_control_list\":[{\"user_name\":\"alice\",\"permission_level\":\"CAN_QUERY\"}]}");
        api.ok(carol, "GET", PERMISSIONS + "team/permissionLevels", null);

        for (String[] call : new String[][] {{"GET", "team"}, {"PUT", "team"}, {"PATCH", "team"}, {"GET", "team/permissionLevels"}, {"GET", "open"}}) {
            GatewayError denied = api.error(alice, call[0], PERMISSIONS + call[1], "{\"access_control_list\":[]}");
            assertThat(denied.category()).isEqualTo(ErrorCategory.PERMISSION);
            assertThat(denied.message()).contains("'alice' does not have CAN_MANAGE on endpoint '" + call[1].split("/")[0] + "'");
        }
        GatewayError unknown = api.error(alice, "GET", PERMISSIONS + "nope", null);
        assertThat(unknown.category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(api.error(admin, "GET", PERMISSIONS + "open-1", null).message()).as("an alias is not an endpoint name")
                .contains("no endpoint is named 'open-1'");
        assertThat(api.error(null, "GET", PERMISSIONS + "open", null).category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    }

    @Test
    void canQueryComesFromTheCallerItselfItsGroupsOrUsers() {
        EndpointPermissions permissions = f.governance.permissions();
        Caller botCaller = f.caller(bot);
        Endpoint open = endpoint("open");
        Endpoint team = endpoint("team");
        Endpoint closed = endpoint("closed");
        assertThat(permissions.may(alice, open, PermissionLevel.CAN_QUERY)).as("users").isTrue();
        assertThat(permissions.may(alice, open, PermissionLevel.CAN_MANAGE)).isFalse();
        assertThat(permissions.may(alice, team, PermissionLevel.CAN_QUERY)).isFalse();
        assertThat(permissions.may(botCaller, team, PermissionLevel.CAN_QUERY)).as("through ml-team").isTrue();
        assertThat(permissions.may(carol, team, PermissionLevel.CAN_QUERY)).as("CAN_MANAGE implies CAN_QUERY").isTrue();
        assertThat(permissions.may(admin, closed, PermissionLevel.CAN_MANAGE)).as("admins hold everything").isTrue();
        assertThat(permissions.may(carol, closed, PermissionLevel.CAN_QUERY)).isFalse();

        api.ok(admin, "PUT", PERMISSIONS + "closed", "{\"access_control_list\":[{\"service_principal_name\":\"ci-app\",\"permission_level\":\"CAN_QUERY\"}]}");
        assertThat(permissions.may(botCaller, closed, PermissionLevel.CAN_QUERY)).as("a service principal by name").isTrue();
        api.ok(admin, "PUT", PERMISSIONS + "closed", "{\"access_control_list\":[{\"user_name\":\"alice\",\"permission_level\":\"CAN_QUERY\"}]}");
        assertThat(permissions.may(botCaller, closed, PermissionLevel.CAN_QUERY)).isFalse();
        assertThat(permissions.may(alice, closed, PermissionLevel.CAN_QUERY)).as("a user by name").isTrue();
    }

    @Test
    void answersClearClientErrors() {
        assertThat(api.error(admin, "PUT", PERMISSIONS + "open", "{}").message()).contains("send \"access_control_list\"");
        assertThat(api.error(admin, "PUT", PERMISSIONS + "open", "{\"access_control_list\":[{\"user_name\":\"bob\",\"permission_level\":\"CAN_QUERY\"}]}")
                .message()).contains("no user named 'bob' (user_name)");
        assertThat(api.error(admin, "PUT", PERMISSIONS + "open", "{\"access_control_list\":[{\"user_name\":\"ci-app\",\"permission_level\":\"CAN_QUERY\"}]}")
                .message()).as("a service principal is not a user").contains("no user named 'ci-app'");
        assertThat(api.error(admin, "PATCH", PERMISSIONS + "open", "{\"access_control_list\":[{\"group_name\":\"x\",\"user_name\":\"y\",\"permission_level\":\"CAN_QUERY\"}]}")
                .message()).contains("exactly one of user_name, group_name or service_principal_name");
        assertThat(api.error(admin, "PATCH", PERMISSIONS + "open", "{\"access_control_list\":[{\"group_name\":\"users\",\"permission_level\":\"CAN_VIEW\"}]}")
                .message()).contains("unknown permission_level 'CAN_VIEW'");
        assertThat(api.error(admin, "PATCH", PERMISSIONS + "open", "{\"access_control_list\":[\"users\"]}").message()).contains("is an object");
        assertThat(api.ok(admin, "GET", PERMISSIONS + "open", null).path("source").asText()).as("nothing was stored").isEqualTo("configuration");
    }

    private Endpoint endpoint(String name) {
        return endpoints.find(name).orElseThrow();
    }

    /** "kind name LEVEL[,LEVEL]" per entry. */
    private static List<String> entries(JsonNode answer) {
        return StreamSupport.stream(answer.path("access_control_list").spliterator(), false).map(e -> {
            String kind = e.has("user_name") ? "user" : e.has("group_name") ? "group" : "service_principal";
            String name = e.path(kind + "_name").asText();
            List<String> levels = StreamSupport.stream(e.path("all_permissions").spliterator(), false)
                    .map(p -> p.path("permission_level").asText()).sorted().toList();
            return kind + " " + name + " " + String.join(",", levels);
        }).toList();
    }
}
