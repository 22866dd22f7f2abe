package dev.lakegate.server.api.admin;

import static dev.lakegate.server.api.admin.ScimApiTest.caller;
import static dev.lakegate.server.api.admin.ScimApiTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.GovernanceFixture;
import dev.lakegate.server.provider.EndpointRegistry;
import dev.lakegate.server.store.PrincipalRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScimGroupsApiTest {
    static final String GROUPS = "/api/2.0/preview/scim/v2/Groups";

    @TempDir
    Path dir;

    GovernanceFixture f;
    AdminApiClient api;
    Caller admin;
    PrincipalRecord alice;
    PrincipalRecord bot;

    @BeforeEach
    void setUp() {
        f = new GovernanceFixture(dir);
        api = new AdminApiClient(AdminApi.routes(f.governance, new EndpointRegistry(), (endpoint, table) -> { }));
        admin = caller(f.user("root", true));
        alice = f.user("alice", false);
        bot = f.servicePrincipal("ci-app");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void createsReadsAndListsGroupsInScimShape() {
        var created = api.call(admin, "POST", GROUPS, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"ml-team",
                 "members":[{"value":"%d"},{"value":"%d"}]}""".formatted(alice.id(), bot.id()));
        assertThat(created.status()).isEqualTo(201);
        JsonNode team = created.json();
        assertThat(team.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Group");
        assertThat(team.path("displayName").asText()).isEqualTo("ml-team");
        assertThat(team.path("meta").path("resourceType").asText()).isEqualTo("Group");
        assertThat(team.path("members")).extracting(m -> m.path("display").asText() + " " + m.path("$ref").asText())
                .containsExactly("alice Users/" + alice.id(), "ci-app ServicePrincipals/" + bot.id());
        String id = team.path("id").asText();
        assertThat(api.ok(admin, "GET", GROUPS + "/" + id, null)).isEqualTo(team);

        JsonNode list = api.ok(admin, "GET", GROUPS, null);
        assertThat(list.path("Resources")).extracting(g -> g.path("displayName").asText()).containsExactly("ml-team", "users");
        JsonNode users = list.path("Resources").get(1);
        assertThat(users.path("members")).extracting(m -> m.path("display").asText()).containsExactly("alice", "ci-app", "root");

        JsonNode filtered = api.ok(admin, "GET", GROUPS + "?filter=" + enc("displayName eq \"ML-TEAM\""), null);
        assertThat(filtered.path("totalResults").asInt()).isEqualTo(1);
        assertThat(api.ok(admin, "GET", GROUPS + "?startIndex=2&count=5", null).path("Resources").get(0).path("displayName").asText())
                .isEqualTo("users");

        JsonNode aliceResource = api.ok(admin, "GET", ScimApiTest.USERS + "/" + alice.id(), null);
        assertThat(aliceResource.path("groups")).extracting(g -> g.path("display").asText() + " " + g.path("$ref").asText())
                .containsExactly("ml-team Groups/" + id, "users Groups/1");
        JsonNode listed = api.ok(admin, "GET", ScimApiTest.SPS, null).path("Resources").get(0);
        assertThat(listed.path("groups")).extracting(g -> g.path("display").asText()).containsExactly("ml-team", "users");
    }

    @Test
    void patchAddsRemovesAndReplacesMembersAsIdentityProvidersSendThem() {
        String id = api.ok(admin, "POST", GROUPS, "{\"displayName\":\"ml-team\"}").path("id").asText();
        String item = GROUPS + "/" + id;
        // The Databricks CLI's form: add without a path.
        JsonNode added = api.ok(admin, "PATCH", item, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","value":{"members":[{"value":"%d"}]}}]}""".formatted(alice.id()));
        assertThat(added.path("members")).extracting(m -> m.path("display").asText()).containsExactly("alice");
        // Azure AD's forms: path members with a list; remove by a value filter.
        JsonNode both = api.ok(admin, "PATCH", item, """
                {"Operations":[{"op":"Add","path":"members","value":[{"value":"%d"}]},
                               {"op":"Remove","path":"members[value eq \\"%d\\"]"}]}""".formatted(bot.id(), alice.id()));
        assertThat(both.path("members")).extracting(m -> m.path("display").asText()).containsExactly("ci-app");
        JsonNode replaced = api.ok(admin, "PATCH", item, """
                {"Operations":[{"op":"replace","path":"members","value":[{"value":"%d"}]},
                               {"op":"replace","path":"displayName","value":"ML-Team"}]}""".formatted(alice.id()));
        assertThat(replaced.path("members")).extracting(m -> m.path("display").asText()).containsExactly("alice");
        JsonNode emptied = api.ok(admin, "PATCH", item, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members\"}]}");
        assertThat(emptied.path("members")).isEmpty();
        // Adding and then removing the same member in one request leaves it out.
        JsonNode net = api.ok(admin, "PATCH", item, """
                {"Operations":[{"op":"add","path":"members","value":[{"value":"%d"}]},
                               {"op":"remove","path":"members","value":[{"value":"%d"}]}]}""".formatted(bot.id(), bot.id()));
        assertThat(net.path("members")).isEmpty();
    }

    @Test
    void deleteRemovesTheGroupButNeverUsers() {
        JsonNode team = api.ok(admin, "POST", GROUPS, "{\"displayName\":\"ml-team\",\"members\":[{\"value\":\"%d\"}]}".formatted(alice.id()));
        var deleted = api.call(admin, "DELETE", GROUPS + "/" + team.path("id").asText(), null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.error(admin, "GET", GROUPS + "/" + team.path("id").asText(), null).status()).isEqualTo(404);
        assertThat(api.ok(admin, "GET", ScimApiTest.USERS + "/" + alice.id(), null).path("groups"))
                .extracting(g -> g.path("display").asText()).containsExactly("users");

        GatewayError users = api.error(admin, "DELETE", GROUPS + "/1", null);
        assertThat(users.status()).isEqualTo(400);
        assertThat(users.message()).contains("'users' is built in");
        GatewayError usersMembers = api.error(admin, "PATCH", GROUPS + "/1",
                "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"%d\"}]}]}".formatted(alice.id()));
        assertThat(usersMembers.message()).contains("members cannot be changed");
    }

    @Test
    void answersClearClientErrors() {
        String id = api.ok(admin, "POST", GROUPS, "{\"displayName\":\"ml-team\"}").path("id").asText();
        assertThat(api.error(admin, "POST", GROUPS, "{}").message()).contains("\"displayName\" is required");
        GatewayError duplicate = api.error(admin, "POST", GROUPS, "{\"displayName\":\"ML-TEAM\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(api.error(admin, "POST", GROUPS, "{\"displayName\":\"alice\"}").message()).contains("share one namespace");
        assertThat(api.error(admin, "POST", GROUPS, "{\"displayName\":\"Data Scientists\"}").message()).contains("without spaces");
        assertThat(api.error(admin, "POST", GROUPS, "{\"displayName\":\"x\",\"members\":[{\"value\":\"bob\"}]}").message())
                .contains("member 'bob' is not an id");
        assertThat(api.error(admin, "POST", GROUPS, "{\"displayName\":\"x\",\"members\":[{\"value\":\"77\"}]}").message())
                .contains("no user or service principal has id 77");

        String item = GROUPS + "/" + id;
        assertThat(api.error(admin, "PATCH", item, "{\"members\":[]}").message()).contains("SCIM PatchOp");
        assertThat(api.error(admin, "PATCH", item, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"ops\"}]}")
                .message()).contains("cannot be renamed");
        assertThat(api.error(admin, "PATCH", item, "{\"Operations\":[{\"op\":\"move\"}]}").message()).contains("unsupported patch op 'move'");
        assertThat(api.error(admin, "PATCH", item, "{\"Operations\":[{\"op\":\"add\",\"path\":\"roles\",\"value\":[]}]}").message())
                .contains("unsupported patch path 'roles'");
        assertThat(api.error(admin, "GET", GROUPS + "?filter=" + enc("members eq \"1\""), null).message())
                .contains("unsupported filter").contains("displayName, id");
        GatewayError unknown = api.error(admin, "GET", GROUPS + "/424242", null);
        assertThat(unknown.category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(unknown.message()).contains("no group has id '424242'");

        GatewayError denied = api.error(caller(alice), "GET", GROUPS, null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.message()).contains("'alice' is not an admin");
    }
}
