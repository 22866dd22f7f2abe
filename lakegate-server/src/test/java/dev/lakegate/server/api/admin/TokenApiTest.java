package dev.lakegate.server.api.admin;

import static dev.lakegate.server.api.admin.ScimApiTest.caller;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.GovernanceFixture;
import dev.lakegate.server.provider.EndpointRegistry;
import dev.lakegate.server.store.PrincipalRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenApiTest {
    static final String OWN = "/api/2.0/token";
    static final String MANAGED = "/api/2.0/token-management";

    @TempDir
    Path dir;

    GovernanceFixture f;
    AdminApiClient api;
    Caller admin;
    Caller alice;
    PrincipalRecord bob;

    @BeforeEach
    void setUp() {
        f = new GovernanceFixture(dir);
        api = new AdminApiClient(AdminApi.routes(f.governance, new EndpointRegistry(), (endpoint, table) -> { }));
        admin = caller(f.user("root", true));
        alice = caller(f.user("alice", false));
        bob = f.user("bob", false);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void anyPrincipalCreatesListsAndDeletesItsOwnTokens() {
        JsonNode created = api.ok(alice, "POST", OWN + "/create", "{\"comment\":\"laptop\",\"lifetime_seconds\":3600}");
        String secret = created.path("token_value").asText();
        JsonNode info = created.path("token_info");
        assertThat(secret).startsWith("lg_");
        assertThat(info.path("token_id").asText()).startsWith("tok_");
        assertThat(info.path("comment").asText()).isEqualTo("laptop");
        assertThat(info.path("creation_time").asLong()).isEqualTo(f.clock.millis());
        assertThat(info.path("expiry_time").asLong()).isEqualTo(f.clock.millis() + 3_600_000);
        assertThat(f.governance.authenticator().authenticate(secret)).map(c -> c.principal().name()).contains("alice");

        f.clock.advance(Duration.ofSeconds(1));
        JsonNode forever = api.ok(alice, "POST", OWN + "/create", "{}").path("token_info");
        assertThat(forever.path("expiry_time").asLong()).isEqualTo(-1);

        var list = api.call(alice, "GET", OWN + "/list", null);
        assertThat(list.json().path("token_infos")).extracting(n -> n.path("token_id").asText())
                .containsExactly(info.path("token_id").asText(), forever.path("token_id").asText());
        assertThat(list.raw()).doesNotContain(secret.substring(3)).doesNotContain("hash").doesNotContain("token_value");

        api.ok(alice, "POST", OWN + "/delete", "{\"token_id\":\"" + info.path("token_id").asText() + "\"}");
        assertThat(f.governance.authenticator().authenticate(secret)).isEmpty();
        assertThat(api.ok(alice, "GET", OWN + "/list", null).path("token_infos")).hasSize(1);
        assertThat(api.error(alice, "POST", OWN + "/delete", "{\"token_id\":\"" + info.path("token_id").asText() + "\"}").status())
                .as("already deleted").isEqualTo(404);
    }

    @Test
    void aNonAdminCannotTouchOthersTokens() {
        String bobsToken = f.token(bob).token().id();
        GatewayError foreign = api.error(alice, "POST", OWN + "/delete", "{\"token_id\":\"" + bobsToken + "\"}");
        assertThat(foreign.category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(foreign.message()).contains("you have no token").contains(OWN + "/list");
        assertThat(f.governance.tokens().find(bobsToken).orElseThrow().revoked()).isFalse();

        assertThat(api.error(alice, "GET", MANAGED + "/tokens", null).category()).isEqualTo(ErrorCategory.PERMISSION);
        assertThat(api.error(alice, "DELETE", MANAGED + "/tokens/" + bobsToken, null).status()).isEqualTo(403);
        GatewayError mint = api.error(alice, "POST", MANAGED + "/on-behalf-of/tokens", "{\"user_name\":\"bob\"}");
        assertThat(mint.status()).isEqualTo(403);
        assertThat(f.governance.tokens().list(Optional.of(bob.id()))).hasSize(1);
    }

    @Test
    void adminsMintOnBehalfOfUsersAndServicePrincipals() {
        JsonNode forBob = api.ok(admin, "POST", MANAGED + "/on-behalf-of/tokens",
                "{\"user_name\":\"bob\",\"comment\":\"onboarding\",\"lifetime_seconds\":\"86400\"}");
        JsonNode info = forBob.path("token_info");
        assertThat(info.path("owner").asText()).isEqualTo("bob");
        assertThat(info.path("owner_id").asLong()).isEqualTo(bob.id());
        assertThat(info.path("created_by_username").asText()).isEqualTo("root");
        assertThat(info.path("revoked").asBoolean()).isFalse();
        assertThat(f.governance.authenticator().authenticate(forBob.path("token_value").asText()))
                .map(c -> c.principal().name()).contains("bob");

        api.ok(admin, "POST", "/api/2.0/preview/scim/v2/ServicePrincipals", "{\"applicationId\":\"ci-bot\",\"displayName\":\"CI\"}");
        JsonNode forBot = api.ok(admin, "POST", MANAGED + "/on-behalf-of/tokens", "{\"application_id\":\"ci-bot\"}");
        assertThat(f.governance.authenticator().authenticate(forBot.path("token_value").asText()).orElseThrow().principal().type())
                .hasToString("SERVICE_PRINCIPAL");

        assertThat(api.error(admin, "POST", MANAGED + "/on-behalf-of/tokens", "{\"user_name\":\"ci-bot\"}").message())
                .contains("no user named 'ci-bot'");
        assertThat(api.error(admin, "POST", MANAGED + "/on-behalf-of/tokens", "{\"application_id\":\"nobody\"}").status()).isEqualTo(404);
        assertThat(api.error(admin, "POST", MANAGED + "/on-behalf-of/tokens", "{\"comment\":\"x\"}").message())
                .contains("exactly one of \"application_id\"");
        assertThat(api.error(admin, "POST", MANAGED + "/on-behalf-of/tokens", "{\"user_name\":\"bob\",\"lifetime_seconds\":0}").message())
                .contains("lifetime_seconds must be positive");
        assertThat(api.error(admin, "POST", MANAGED + "/on-behalf-of/tokens", "{\"user_name\":\"bob\",\"lifetime_seconds\":1.5}").message())
                .contains("whole number");
    }

    @Test
    void adminsListFilterAndRevokeAnyToken() {
        String alicesSecret = api.ok(alice, "POST", OWN + "/create", "{\"comment\":\"a\"}").path("token_value").asText();
        f.clock.advance(Duration.ofSeconds(1));
        String bobsId = f.token(bob).token().id();
        f.governance.authenticator().authenticate(alicesSecret);
        f.governance.authenticator().flushLastUsed();

        var all = api.call(admin, "GET", MANAGED + "/tokens", null);
        assertThat(all.json().path("token_infos")).extracting(n -> n.path("owner").asText()).containsExactly("alice", "bob");
        assertThat(all.json().path("token_infos").get(0).path("last_used_time").asLong()).isEqualTo(f.clock.millis());
        assertThat(all.json().path("token_infos").get(1).path("last_used_time").asLong()).isEqualTo(-1);
        assertThat(all.raw()).doesNotContain(alicesSecret.substring(3)).doesNotContain("hash");

        JsonNode onlyBob = api.ok(admin, "GET", MANAGED + "/tokens?created_by_username=bob", null);
        assertThat(onlyBob.path("token_infos")).extracting(n -> n.path("token_id").asText()).containsExactly(bobsId);
        assertThat(api.ok(admin, "GET", MANAGED + "/tokens?created_by_username=nobody", null).path("token_infos")).isEmpty();

        assertThat(api.ok(admin, "GET", MANAGED + "/tokens/" + bobsId, null).path("token_info").path("owner").asText()).isEqualTo("bob");
        api.ok(admin, "DELETE", MANAGED + "/tokens/" + bobsId, null);
        assertThat(api.ok(admin, "GET", MANAGED + "/tokens/" + bobsId, null).path("token_info").path("revoked").asBoolean()).isTrue();
        api.ok(admin, "DELETE", MANAGED + "/tokens/" + bobsId, null); // idempotent
        GatewayError unknown = api.error(admin, "DELETE", MANAGED + "/tokens/tok_nope", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).contains("tok_nope").contains(MANAGED + "/tokens");
    }
}
