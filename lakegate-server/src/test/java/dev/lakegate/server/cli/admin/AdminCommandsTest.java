package dev.lakegate.server.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.server.governance.Bootstrap;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.PrincipalType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.lakegate.server.testing.TestGateway;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class AdminCommandsTest {
    TestGateway gateway;
    Governance governance;
    String adminToken;
    final Map<String, String> env = new HashMap<>();

    @Command(name = "lakegate")
    static final class Root {}

    record Run(int code, String out, String err) {}

    @BeforeEach
    void setUp() throws Exception {
        gateway = TestGateway.start();
        governance = gateway.gateway().governance();
        adminToken = gateway.adminToken();
        env.put("LAKEGATE_URL", gateway.baseUrl().toString());
        env.put("LAKEGATE_TOKEN", adminToken);
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
    }

    Run run(String... args) {
        CommandLine cli = AdminCommands.register(new CommandLine(new Root()), env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void managesUsersFromTheCommandLine() throws Exception {
        Run created = run("users", "create", "bob", "--email", "bob@example.com", "--display-name", "Bob B");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created user bob (id ").contains("tokens create --for bob");

        Run list = run("users", "list");
        assertThat(list.out().lines().findFirst().orElseThrow()).matches("ID +USER NAME +DISPLAY NAME +EMAIL +ADMIN +ACTIVE");
        assertThat(list.out()).containsPattern("bob +Bob B +bob@example.com +no +yes").containsPattern("admin +Administrator +- +yes +yes");

        JsonNode json = new ObjectMapper().readTree(run("users", "list", "--json").out());
        assertThat(json.path("totalResults").asInt()).isEqualTo(2);

        Run deleted = run("users", "delete", "bob");
        assertThat(deleted.out()).contains("Deactivated user bob").contains("revoked their tokens");
        assertThat(run("users", "list").out()).containsPattern("bob +Bob B +bob@example.com +no +no");

        Run missing = run("users", "delete", "nobody");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("error: no user named 'nobody'");

        Run duplicate = run("users", "create", "BOB");
        assertThat(duplicate.code()).isEqualTo(1);
        assertThat(duplicate.err()).contains("already exists");
    }

    @Test
    void managesServicePrincipalsAndMintsTheirTokensByDisplayName() {
        Run created = run("service-principals", "create", "ci-bot", "--application-id", "ci-app");
        assertThat(created.out()).contains("Created service principal ci-bot (application id ci-app");
        assertThat(run("service-principals", "list").out()).containsPattern("ci-app +ci-bot +no +yes");

        Run token = run("tokens", "create", "--for", "ci-bot", "--comment", "pipeline");
        assertThat(token.code()).as(token.err()).isZero();
        Caller caller = governance.authenticator().authenticate(token.out().strip()).orElseThrow();
        assertThat(caller.principal().type()).isEqualTo(PrincipalType.SERVICE_PRINCIPAL);
        assertThat(caller.principal().name()).isEqualTo("ci-app");
    }

    @Test
    void printsATokenSecretOnceAndNeverInLists() {
        run("users", "create", "alice");
        Run created = run("tokens", "create", "--for", "alice", "--comment", "laptop", "--lifetime-days", "30");
        assertThat(created.code()).as(created.err()).isZero();
        String secret = created.out().strip();
        assertThat(secret).startsWith("lg_").doesNotContain("\n");
        assertThat(created.err()).contains("Created token tok_").contains("for alice").contains("not shown again");
        assertThat(governance.authenticator().authenticate(secret)).map(c -> c.principal().name()).contains("alice");

        Run list = run("tokens", "list");
        assertThat(list.out()).contains("TOKEN ID").containsPattern("alice +laptop").contains("active").doesNotContain(secret);
        String tokenId = governance.tokens().list(Optional.empty()).stream()
                .filter(t -> "laptop".equals(t.comment())).findFirst().orElseThrow().id();
        assertThat(run("tokens", "list", "--for", "alice").out()).contains(tokenId).doesNotContain("bootstrap");

        assertThat(run("tokens", "revoke", tokenId).out()).contains("Revoked token " + tokenId);
        assertThat(governance.authenticator().authenticate(secret)).isEmpty();
        assertThat(run("tokens", "list", "--for", "alice").out()).contains("revoked");

        Run unknown = run("tokens", "create", "--for", "nobody");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no user or service principal named 'nobody'");
        assertThat(run("tokens", "create", "--lifetime-days", "0").err()).contains("--lifetime-days must be between 1");
    }

    @Test
    void aNonAdminManagesOnlyItsOwnTokens() {
        run("users", "create", "alice");
        env.put("LAKEGATE_TOKEN", run("tokens", "create", "--for", "alice").out().strip());

        Run own = run("tokens", "create", "--comment", "mine");
        assertThat(own.code()).as(own.err()).isZero();
        Run list = run("tokens", "list");
        assertThat(list.err()).contains("not an admin: showing your own tokens");
        assertThat(list.out()).contains("mine").doesNotContain("bootstrap");
        String mine = governance.tokens().list(Optional.empty()).stream()
                .filter(t -> "mine".equals(t.comment())).findFirst().orElseThrow().id();
        assertThat(run("tokens", "revoke", mine).out()).contains("Revoked token " + mine);

        String adminsToken = governance.tokens().list(Optional.empty()).stream()
                .filter(t -> Bootstrap.SUPPLIED_COMMENT.equals(t.comment())).findFirst().orElseThrow().id();
        Run foreign = run("tokens", "revoke", adminsToken);
        assertThat(foreign.code()).isEqualTo(1);
        assertThat(foreign.err()).contains("you have no token");
        Run users = run("users", "list");
        assertThat(users.code()).isEqualTo(1);
        assertThat(users.err()).contains("error: Only admins may call");
    }

    @Test
    void optionsWorkBeforeOrAfterTheSubcommandAndOverrideTheEnvironment() {
        env.clear();
        assertThat(run("users", "--url", gateway.baseUrl().toString(), "--token", adminToken, "list").code()).isZero();
        assertThat(run("users", "list", "--url", gateway.baseUrl().toString(), "--token", adminToken).code()).isZero();
        env.put("LAKEGATE_URL", gateway.baseUrl().toString());
        env.put("LAKEGATE_ADMIN_TOKEN", adminToken);
        assertThat(run("users", "list").out()).contains("admin");
        env.remove("LAKEGATE_ADMIN_TOKEN");
        assertThat(run("users", "list").err()).contains("no token: pass --token, or set LAKEGATE_TOKEN");
    }

    @Test
    void explainsConnectionAndAuthenticationFailures() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run refused = run("users", "list", "--url", "http://127.0.0.1:" + closedPort);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("no gateway at http://127.0.0.1:" + closedPort + ": start it with ./lakegate serve");

        Run rejected = run("tokens", "list", "--token", "lg_wrong");
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).contains("rejected the token (401)");

        assertThat(run("users", "list", "--url", "127.0.0.1:8080").err()).contains("--url must look like http://host:port");
        Run bare = run("users");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("Missing subcommand: choose one of").contains("list").contains("Usage: lakegate users");
    }

    @Test
    void managesGroupsAndTheirMembersFromTheCommandLine() {
        assertThat(run("users", "create", "bob").code()).isZero();
        assertThat(run("service-principals", "create", "ci-bot", "--application-id", "ci-app").code()).isZero();

        Run created = run("groups", "create", "ml-team", "--member", "bob");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created group ml-team (id ").contains("with 1 member(s)").contains("permissions add ENDPOINT --group ml-team");

        Run added = run("groups", "add-member", "ML-TEAM", "ci-bot");
        assertThat(added.out()).contains("Added ci-bot (ml-team now has 2 member(s))");
        Run shown = run("groups", "show", "ml-team");
        assertThat(shown.out()).startsWith("Group ml-team (id ").containsPattern("bob +user").containsPattern("ci-app +service principal");

        Run list = run("groups", "list");
        assertThat(list.out().lines().findFirst().orElseThrow()).matches("ID +NAME +MEMBERS");
        assertThat(list.out()).containsPattern("ml-team +2").containsPattern("1 +users +3");

        assertThat(run("groups", "remove-member", "ml-team", "bob").out()).contains("Removed bob (ml-team now has 1 member(s))");
        Run unknownMember = run("groups", "add-member", "ml-team", "nobody");
        assertThat(unknownMember.code()).isEqualTo(1);
        assertThat(unknownMember.err()).contains("no user or service principal named 'nobody'");
        assertThat(run("groups", "delete", "users").err()).contains("'users' is built in");
        assertThat(run("groups", "delete", "ml-team").out()).contains("Deleted group ml-team.");
        assertThat(run("groups", "show", "ml-team").err()).contains("no group named 'ml-team'");
    }

    @Test
    void showsAndChangesEndpointPermissionsFromTheCommandLine() {
        assertThat(run("users", "create", "bob").code()).isZero();
        Run configured = run("permissions", "get", TestGateway.CLAUDE);
        assertThat(configured.code()).as(configured.err()).isZero();
        assertThat(configured.out()).containsPattern("group +users +CAN_QUERY").contains("from the gateway's configuration");

        Run added = run("permissions", "add", TestGateway.CLAUDE, "--user", "bob=can_manage");
        assertThat(added.out()).containsPattern("group +users +CAN_QUERY").containsPattern("user +bob +CAN_MANAGE")
                .doesNotContain("configuration");

        Run set = run("permissions", "set", TestGateway.CLAUDE, "--user", "bob");
        assertThat(set.out()).containsPattern("user +bob +CAN_QUERY").doesNotContain("users");
        assertThat(run("permissions", "set", TestGateway.CLAUDE).err()).contains("or pass --none");
        assertThat(run("permissions", "set", TestGateway.CLAUDE, "--none").out()).contains("Nobody but admins may use " + TestGateway.CLAUDE);
        assertThat(run("permissions", "get", "nope").err()).contains("no endpoint is named 'nope'");
    }

    @Test
    void showsEndpointsAndChangesTheirAiGatewaySettingsFromTheCommandLine(@TempDir Path dir) throws Exception {
        String claude = TestGateway.CLAUDE;
        Run list = run("endpoints", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow())
                .matches("NAME +DESTINATIONS +RATE LIMITS +USAGE +INFERENCE TABLE +FALLBACK +SETTINGS FROM +PERMISSION");
        assertThat(list.out()).containsPattern(claude + " +scripted/claude-sonnet-4-5 +0 +on +none +on +configuration +CAN_MANAGE");

        Run set = run("endpoints", "ai-gateway", "set", claude, "--rate-limit", "key=user,calls=30",
                "--rate-limit", "key=user_group, principal=data-eng, tokens=100000", "--usage-tracking", "off");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("Set the ai-gateway settings of " + claude).contains("usage tracking   off")
                .as("what no flag named stays as it was").contains("fallback         on")
                .containsPattern("user +\\(every user: the default\\) +30").containsPattern("user_group +data-eng +- +100000");
        JsonNode json = new ObjectMapper().readTree(run("endpoints", "ai-gateway", "get", claude, "--json").out());
        assertThat(json.path("source").asText()).isEqualTo("api");
        assertThat(json.path("rate_limits").size()).isEqualTo(2);
        assertThat(run("endpoints", "show", claude).out()).contains("your permission  CAN_MANAGE").containsPattern("scripted/claude-sonnet-4-5 +scripted +100 +0")
                .contains("set through the API");

        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"fallback_config\": {\"enabled\": false}}");
        Run fromFile = run("endpoints", "ai-gateway", "set", claude, "--file", file.toString(), "--usage-tracking", "on");
        assertThat(fromFile.out()).as("the file is whole settings: parts it leaves out are off").contains("rate limits      none")
                .contains("fallback         off").contains("usage tracking   on");

        assertThat(run("endpoints", "ai-gateway", "set", claude).err()).contains("nothing to set");
        assertThat(run("endpoints", "ai-gateway", "set", claude, "--fallback", "maybe").err()).contains("--fallback takes on or off, not 'maybe'");
        assertThat(run("endpoints", "ai-gateway", "set", claude, "--rate-limit", "calls").err()).contains("write field=value pairs");
        assertThat(run("endpoints", "ai-gateway", "set", claude, "--rate-limit", "key=user_group,calls=1").err())
                .contains("error: endpoint '" + claude + "' rate_limits[0]: a user_group limit needs principal");
        assertThat(run("endpoints", "ai-gateway", "set", claude, "--inference-table", "main.missing").err())
                .contains("catalog main does not exist; as an admin, run CREATE CATALOG main and CREATE SCHEMA main.missing first");

        Run reset = run("endpoints", "ai-gateway", "reset", claude);
        assertThat(reset.out()).contains(claude + " runs on its configured ai-gateway settings again").contains("from the gateway's configuration file")
                .contains("fallback         on");
        assertThat(run("endpoints", "show", "nope").err()).contains("no endpoint is named 'nope'");
    }
}
