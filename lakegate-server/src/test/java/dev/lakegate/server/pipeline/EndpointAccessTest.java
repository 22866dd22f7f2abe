package dev.lakegate.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.NewPrincipal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.observe.RequestRecord;
import dev.lakegate.server.store.GroupRecord;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CAN_QUERY on every surface: per principal kind, through a group and through {@code users}; models lists per caller (SPEC §2, §3). */
class EndpointAccessTest {
    static final String RESTRICTED = "restricted";
    private static TestGateway gw;
    private static Governance governance;
    private static String alice;
    private static String bob;
    private static String carol;
    private static String bot;
    private static String otherBot;
    private static GroupRecord team;
    private static PrincipalRecord carolRecord;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start("", """
                  - name: %s
                    destinations: [{provider: scripted, model: %s}]
                    permissions:
                      - {user_name: alice, permission_level: CAN_QUERY}
                      - {service_principal_name: ci-app, permission_level: CAN_QUERY}
                      - {group_name: ml-team, permission_level: CAN_QUERY}
                """.formatted(RESTRICTED, TestGateway.CLAUDE_UPSTREAM));
        governance = gw.gateway().governance();
        alice = token(principal(PrincipalType.USER, "alice"));
        bob = token(principal(PrincipalType.USER, "bob"));
        carolRecord = principal(PrincipalType.USER, "carol");
        carol = token(carolRecord);
        bot = token(principal(PrincipalType.SERVICE_PRINCIPAL, "ci-app"));
        otherBot = token(principal(PrincipalType.SERVICE_PRINCIPAL, "other-app"));
        team = governance.groups().create("ml-team", List.of(carolRecord.id()));
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
    }

    @Test
    void usersServicePrincipalsAndGroupMembersGrantedCanQueryMayCallOthersGet403() throws Exception {
        assertThat(anthropic(RESTRICTED, alice).statusCode()).as("a user granted directly").isEqualTo(200);
        assertThat(anthropic(RESTRICTED, bot).statusCode()).as("a service principal granted directly").isEqualTo(200);
        assertThat(anthropic(RESTRICTED, carol).statusCode()).as("a member of a granted group").isEqualTo(200);
        assertThat(anthropic(RESTRICTED, gw.adminToken()).statusCode()).as("an admin").isEqualTo(200);
        assertThat(anthropic(TestGateway.CLAUDE, bob).statusCode()).as("everyone through the default group users").isEqualTo(200);

        HttpResponse<String> denied = anthropic(RESTRICTED, bob);
        assertThat(denied.statusCode()).isEqualTo(403);
        JsonNode error = TestGateway.JSON.readTree(denied.body());
        assertThat(error.path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(error.path("error").path("message").asText())
                .contains("'bob' does not have CAN_QUERY on endpoint 'restricted'").contains("lakegate permissions add restricted --user bob");
        assertThat(anthropic(RESTRICTED, otherBot).body()).contains("--service-principal other-app");

        RequestRecord record = gw.recordOf(denied);
        assertThat(record.statusCode()).isEqualTo(403);
        assertThat(record.errorType()).isEqualTo("PERMISSION");
        assertThat(record.requester()).isEqualTo("bob");
        assertThat(record.endpointName()).isEqualTo(RESTRICTED);
    }

    @Test
    void leavingTheGroupTakesTheGrantAwayAtOnce() throws Exception {
        PrincipalRecord dave = principal(PrincipalType.USER, "dave");
        String daveToken = token(dave);
        GroupRecord ops = governance.groups().create("ops", List.of(dave.id()));
        assertThat(anthropic(RESTRICTED, daveToken).statusCode()).isEqualTo(403);
        governance.groups().changeMembers(team, List.of(dave.id()), List.of());
        assertThat(anthropic(RESTRICTED, daveToken).statusCode()).isEqualTo(200);
        governance.groups().changeMembers(team, List.of(), List.of(dave.id()));
        assertThat(anthropic(RESTRICTED, daveToken).statusCode()).isEqualTo(403);
        governance.groups().delete(ops);
    }

    @Test
    void eachSurfaceAnswers403InItsOwnFormatAndUnknownModelsStay404() throws Exception {
        HttpResponse<String> chat = gw.post("/openai/v1/chat/completions", body(RESTRICTED), bob, "application/json");
        assertThat(chat.statusCode()).isEqualTo(403);
        assertThat(TestGateway.JSON.readTree(chat.body()).path("error").path("code").asText()).isEqualTo("permission_denied");
        HttpResponse<String> cursor = gw.post("/cursor/v1/responses", body(RESTRICTED), bob, "application/json");
        assertThat(cursor.statusCode()).isEqualTo(403);
        HttpResponse<String> gemini = gw.post("/gemini/v1beta/models/" + RESTRICTED + ":generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}".getBytes(StandardCharsets.UTF_8), bob, "application/json");
        assertThat(gemini.statusCode()).isEqualTo(403);
        assertThat(TestGateway.JSON.readTree(gemini.body()).path("error").path("status").asText()).isEqualTo("PERMISSION_DENIED");
        HttpResponse<String> count = gw.post("/anthropic/v1/messages/count_tokens", body(RESTRICTED), bob, "application/json");
        assertThat(count.statusCode()).as("counting tokens is a query too").isEqualTo(403);

        assertThat(anthropic("no-such-model", bob).statusCode()).isEqualTo(404);
        // Without a credential nobody learns whether an endpoint exists.
        assertThat(anthropic(RESTRICTED, null).statusCode()).isEqualTo(401);
        assertThat(anthropic("no-such-model", null).statusCode()).isEqualTo(401);
    }

    @Test
    void modelsListsShowOnlyWhatTheCallerMayQueryOnEverySurface() throws Exception {
        List<String> everyone = List.of(TestGateway.CLAUDE, TestGateway.CURSOR, TestGateway.GEMINI, TestGateway.GPT, "unreachable");
        List<String> withRestricted = new ArrayList<>(everyone);
        withRestricted.add(RESTRICTED);
        for (String path : List.of("/anthropic/v1/models", "/openai/v1/models", "/cursor/v1/models", "/gemini/v1beta/models")) {
            assertThat(models(path, bob)).as(path + " for bob").containsExactlyInAnyOrderElementsOf(everyone);
            assertThat(models(path, alice)).as(path + " for alice").containsExactlyInAnyOrderElementsOf(withRestricted);
            assertThat(models(path, bot)).as(path + " for ci-app").contains(RESTRICTED);
            assertThat(models(path, carol)).as(path + " for carol (ml-team)").contains(RESTRICTED);
        }
    }

    private static List<String> models(String path, String token) throws Exception {
        HttpResponse<String> response = gw.send(gw.request(path, token, null).GET().build());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        JsonNode json = TestGateway.JSON.readTree(response.body());
        List<String> names = new ArrayList<>();
        json.path("data").forEach(m -> names.add(m.path("id").asText()));
        json.path("models").forEach(m -> names.add(m.path("name").asText().substring("models/".length())));
        return names;
    }

    private static HttpResponse<String> anthropic(String model, String token) throws Exception {
        return gw.post("/anthropic/v1/messages", body(model), token, "application/json");
    }

    private static byte[] body(String model) {
        return ("{\"model\":\"" + model + "\",\"max_tokens\":16,\"input\":\"hi\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static PrincipalRecord principal(PrincipalType type, String name) {
        return governance.principals().create(new NewPrincipal(type, name, null, null, false, true));
    }

    private static String token(PrincipalRecord p) {
        return governance.tokens().create(p, p.id(), "test", Optional.empty()).secret();
    }
}
