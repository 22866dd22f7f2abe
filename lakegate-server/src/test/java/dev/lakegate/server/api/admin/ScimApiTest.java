package dev.lakegate.server.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.GroupService;
import dev.lakegate.server.governance.GovernanceFixture;
import dev.lakegate.server.governance.IssuedToken;
import dev.lakegate.server.provider.EndpointRegistry;
import dev.lakegate.server.store.PrincipalRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScimApiTest {
    static final String USERS = "/api/2.0/preview/scim/v2/Users";
    static final String SPS = "/api/2.0/preview/scim/v2/ServicePrincipals";

    @TempDir
    Path dir;

    GovernanceFixture f;
    AdminApiClient api;
    Caller admin;
    Caller alice;

    @BeforeEach
    void setUp() {
        f = new GovernanceFixture(dir);
        api = new AdminApiClient(AdminApi.routes(f.governance, new EndpointRegistry(), (endpoint, table) -> { }));
        admin = caller(f.user("root", true));
        alice = caller(f.user("alice", false));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void createsAndReadsUsersInScimShape() {
        var created = api.call(admin, "POST", USERS, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob@example.com","displayName":"Bob",
                 "emails":[{"value":"other@example.com"},{"value":"bob@example.com","primary":true}],"entitlements":[]}""");
        assertThat(created.status()).isEqualTo(201);
        JsonNode bob = created.json();
        assertThat(bob.path("userName").asText()).isEqualTo("bob@example.com");
        assertThat(bob.path("displayName").asText()).isEqualTo("Bob");
        assertThat(bob.path("emails").get(0).path("value").asText()).isEqualTo("bob@example.com");
        assertThat(bob.path("active").asBoolean()).isTrue();
        assertThat(bob.path("admin").asBoolean()).isFalse();
        assertThat(bob.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(bob.path("meta").path("resourceType").asText()).isEqualTo("User");

        String id = bob.path("id").asText();
        assertThat(api.ok(admin, "GET", USERS + "/" + id, null)).isEqualTo(bob);

        JsonNode list = api.ok(admin, "GET", USERS, null);
        assertThat(list.path("totalResults").asInt()).isEqualTo(3);
        assertThat(list.path("Resources")).extracting(n -> n.path("userName").asText()).containsExactly("alice", "bob@example.com", "root");

        JsonNode filtered = api.ok(admin, "GET", USERS + "?filter=" + enc("userName eq \"BOB@example.com\""), null);
        assertThat(filtered.path("totalResults").asInt()).isEqualTo(1);
        assertThat(filtered.path("Resources").get(0).path("id").asText()).isEqualTo(id);

        JsonNode page = api.ok(admin, "GET", USERS + "?startIndex=2&count=1", null);
        assertThat(page.path("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(page.path("Resources").get(0).path("userName").asText()).isEqualTo("bob@example.com");
    }

    @Test
    void patchesWithScimOperationsOrAPlainObjectAndReplacesWithPut() {
        String id = api.ok(admin, "POST", USERS, "{\"userName\":\"bob\",\"displayName\":\"Bob\"}").path("id").asText();
        JsonNode patched = api.ok(admin, "PATCH", USERS + "/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":"False"},{"op":"add","value":{"admin":true}},
                               {"op":"remove","path":"displayName"}]}""");
        assertThat(patched.path("active").asBoolean()).isFalse();
        assertThat(patched.path("admin").asBoolean()).isTrue();
        assertThat(patched.has("displayName")).isFalse();

        JsonNode plain = api.ok(admin, "PATCH", USERS + "/" + id, "{\"active\":true}");
        assertThat(plain.path("active").asBoolean()).isTrue();

        JsonNode replaced = api.ok(admin, "PUT", USERS + "/" + id, "{\"userName\":\"robert\",\"emails\":[{\"value\":\"r@example.com\"}]}");
        assertThat(replaced.path("userName").asText()).isEqualTo("robert");
        assertThat(replaced.path("emails").get(0).path("value").asText()).isEqualTo("r@example.com");
        assertThat(replaced.path("admin").asBoolean()).as("PUT without admin keeps it").isTrue();
    }

    @Test
    void deleteDeactivatesAndRevokesTokens() {
        PrincipalRecord bob = f.user("bob", false);
        IssuedToken token = f.token(bob);
        var answer = api.call(admin, "DELETE", USERS + "/" + bob.id(), null);
        assertThat(answer.status()).isEqualTo(204);
        assertThat(f.governance.authenticator().authenticate(token.secret())).isEmpty();
        assertThat(api.ok(admin, "GET", USERS + "/" + bob.id(), null).path("active").asBoolean()).isFalse();
        assertThat(f.governance.tokens().list(Optional.of(bob.id()))).allMatch(t -> t.revoked());
    }

    @Test
    void answersClearClientErrors() {
        GatewayError badJson = api.error(admin, "POST", USERS, "{\"userName\": ");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.message()).contains("not valid JSON");

        GatewayError notObject = api.error(admin, "POST", USERS, "[1]");
        assertThat(notObject.message()).contains("must be a JSON object");

        GatewayError missing = api.error(admin, "POST", USERS, "{}");
        assertThat(missing.message()).contains("\"userName\" is required");

        GatewayError duplicate = api.error(admin, "POST", USERS, "{\"userName\":\"ALICE\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.message()).contains("already exists");

        GatewayError unknown = api.error(admin, "GET", USERS + "/12345", null);
        assertThat(unknown.category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(unknown.message()).contains("no user has id '12345'").contains("GET " + USERS);
        assertThat(api.error(admin, "GET", USERS + "/not-a-number", null).status()).isEqualTo(404);

        GatewayError badFilter = api.error(admin, "GET", USERS + "?filter=" + enc("nickName pr"), null);
        assertThat(badFilter.message()).contains("unsupported filter").contains("userName eq");

        GatewayError badPath = api.error(admin, "PATCH", USERS + "/" + alice.principal().id(),
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"x\"}]}");
        assertThat(badPath.message()).contains("unsupported patch path 'nickName'");

        GatewayError lastAdmin = api.error(admin, "DELETE", USERS + "/" + admin.principal().id(), null);
        assertThat(lastAdmin.message()).contains("last active admin");
    }

    @Test
    void servicePrincipalsHaveApplicationIds() {
        JsonNode generated = api.call(admin, "POST", SPS, "{\"displayName\":\"ci-bot\"}").json();
        assertThat(generated.path("applicationId").asText()).matches("[0-9a-f-]{36}");
        assertThat(generated.has("userName")).isFalse();
        assertThat(generated.has("emails")).isFalse();
        JsonNode chosen = api.ok(admin, "POST", SPS, "{\"applicationId\":\"deploy-bot\",\"displayName\":\"Deploy\"}");
        assertThat(chosen.path("applicationId").asText()).isEqualTo("deploy-bot");

        JsonNode list = api.ok(admin, "GET", SPS, null);
        assertThat(list.path("Resources")).extracting(n -> n.path("displayName").asText()).containsExactlyInAnyOrder("ci-bot", "Deploy");
        assertThat(api.ok(admin, "GET", SPS + "?filter=" + enc("applicationId eq \"deploy-bot\""), null).path("totalResults").asInt())
                .isEqualTo(1);
        // A user id is not a service principal id, and the other way round.
        assertThat(api.error(admin, "GET", SPS + "/" + alice.principal().id(), null).status()).isEqualTo(404);
        assertThat(api.error(admin, "GET", USERS + "/" + chosen.path("id").asText(), null).status()).isEqualTo(404);
        assertThat(api.error(admin, "POST", SPS, "{}").message()).contains("displayName");
    }

    @Test
    void nonAdminsCannotManagePrincipals() {
        for (String[] call : new String[][] {{"GET", USERS}, {"POST", USERS}, {"GET", SPS}, {"DELETE", USERS + "/" + alice.principal().id()}}) {
            GatewayError denied = api.error(alice, call[0], call[1], "{\"userName\":\"x\"}");
            assertThat(denied.category()).isEqualTo(ErrorCategory.PERMISSION);
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.message()).contains("'alice' is not an admin");
        }
        assertThat(api.error(null, "GET", USERS, null).category()).isEqualTo(ErrorCategory.AUTHENTICATION);
    }

    /** A caller as authentication would build it for a principal in no stored group. */
    static Caller caller(PrincipalRecord p) {
        return new Caller(p.principal(), "tok_test", Set.of(GroupService.USERS));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
