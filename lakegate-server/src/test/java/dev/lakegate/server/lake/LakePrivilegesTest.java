package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.store.GroupRecord;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.testing.TestGateway;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unity Catalog's privilege model through the SQL API: USE privileges, inheritance, ALL_PRIVILEGES, owners, the read-only system catalog. */
class LakePrivilegesTest {
    static final String METRICS = "main.telemetry.cc_otel_metrics";
    static final String LOGS = "main.telemetry.cc_otel_logs";
    TestGateway gateway;
    LakeClient lake;
    String bob;

    @BeforeEach
    void setUp() throws Exception {
        gateway = TestGateway.start();
        lake = new LakeClient(gateway);
        bob = lake.user("bob");
        lake.admin("CREATE CATALOG main");
        lake.admin("CREATE SCHEMA main.telemetry");
        lake.admin(LakeClient.specDdl("metrics", "main", "telemetry", "cc"));
        lake.admin(LakeClient.specDdl("logs", "main", "telemetry", "cc"));
        lake.admin("INSERT INTO " + METRICS + " (name, sum) VALUES ('cost', named_struct('value', 0.5))");
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
    }

    @Test
    void selectNeedsUseCatalogUseSchemaAndSelect() throws Exception {
        String query = "SELECT name, sum.value FROM " + METRICS;
        assertDenied(query, "bob does not have USE_CATALOG on catalog main; an admin or the owner can run: GRANT USE CATALOG ON CATALOG main TO `bob`");
        lake.admin("GRANT USE CATALOG ON CATALOG main TO bob");
        assertDenied(query, "bob does not have USE_SCHEMA on schema main.telemetry; an admin or the owner can run: GRANT USE SCHEMA ON SCHEMA main.telemetry TO `bob`");
        lake.admin("GRANT USE SCHEMA ON SCHEMA main.telemetry TO bob");
        assertDenied(query, "bob does not have SELECT on table main.telemetry.cc_otel_metrics; an admin or the owner can run: GRANT SELECT ON TABLE main.telemetry.cc_otel_metrics TO `bob`");
        lake.admin("GRANT SELECT ON TABLE " + METRICS + " TO BOB"); // stored under the principal's own spelling
        assertThat(lake.ok(bob, query)).containsExactly(List.of("cost", "0.5"));

        assertDenied("INSERT INTO " + METRICS + " (name) VALUES ('x')", "bob does not have MODIFY on table " + METRICS);
        assertDenied("SELECT count(*) FROM " + LOGS, "bob does not have SELECT on table " + LOGS);
        assertDenied("GRANT SELECT ON TABLE " + LOGS + " TO bob", "bob may not grant privileges on table " + LOGS + ": only admins and its owner may");
        assertDenied("DROP TABLE " + METRICS, "bob may not drop table " + METRICS);
        assertThat(lake.ok(bob, "SHOW TABLES IN main.telemetry")).containsExactly(List.of("telemetry", "cc_otel_metrics", "false"));
        assertThat(lake.ok(bob, "SHOW CATALOGS")).containsExactly(List.of("main"), List.of("system")); // system: own usage rows

        lake.admin("REVOKE SELECT ON TABLE " + METRICS + " FROM bob");
        assertDenied(query, "bob does not have SELECT on table " + METRICS);
    }

    @Test
    void privilegesOnACatalogOrSchemaCoverWhatIsInside() throws Exception {
        lake.admin("GRANT USE CATALOG, USE SCHEMA ON CATALOG main TO bob");
        lake.admin("GRANT SELECT ON SCHEMA main.telemetry TO bob");
        assertThat(lake.ok(bob, "SELECT count(*) FROM " + LOGS)).containsExactly(List.of("0"));
        assertDenied("INSERT INTO " + LOGS + " (body) VALUES ('x')", "bob does not have MODIFY on table " + LOGS);
        lake.admin("GRANT ALL PRIVILEGES ON TABLE " + LOGS + " TO bob");
        assertThat(lake.ok(bob, "INSERT INTO " + LOGS + " (body) VALUES ('x')")).containsExactly(List.of("1", "1"));
        lake.admin("GRANT MODIFY ON CATALOG main TO bob");
        assertThat(lake.ok(bob, "INSERT INTO " + METRICS + " (name) SELECT body FROM " + LOGS)).containsExactly(List.of("1", "1"));
    }

    @Test
    void ownersHoldEverythingOnWhatTheyCreate() throws Exception {
        assertDenied("CREATE SCHEMA main.bobs", "bob does not have USE_CATALOG on catalog main");
        assertDenied("CREATE CATALOG bobs", "bob may not create catalog bobs: only admins create catalogs");
        lake.admin("GRANT USE CATALOG ON CATALOG main TO bob");
        lake.admin("GRANT USE SCHEMA, CREATE TABLE ON SCHEMA main.telemetry TO bob");
        lake.ok(bob, "CREATE TABLE main.telemetry.mine (a INT)");
        lake.ok(bob, "INSERT INTO main.telemetry.mine VALUES (1), (2)");
        assertThat(lake.ok(bob, "SELECT sum(a) FROM main.telemetry.mine")).containsExactly(List.of("3"));
        String alice = lake.user("alice");
        lake.ok(bob, "GRANT SELECT ON main.telemetry.mine TO alice");
        lake.admin("GRANT USE CATALOG ON CATALOG main TO alice");
        lake.admin("GRANT USE SCHEMA ON SCHEMA main.telemetry TO alice");
        assertThat(lake.ok(alice, "SELECT count(*) FROM main.telemetry.mine")).containsExactly(List.of("2"));
        assertThat(lake.failed(bob, "GRANT SELECT ON main.telemetry.mine TO nobody").path("error_code").asText()).isEqualTo("NOT_FOUND");
        lake.ok(bob, "DROP TABLE main.telemetry.mine");
        assertThat(lake.failed(alice, "SELECT * FROM main.telemetry.mine").path("error_code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void systemIsReadOnlyToNonAdmins() throws Exception {
        // the gateway created system.ai_gateway.usage on start
        lake.admin("INSERT INTO system.ai_gateway.usage (request_id, requester, total_tokens) VALUES ('r1', 'bob', 10), ('r0', 'alice', 1)");
        lake.admin("GRANT ALL PRIVILEGES ON CATALOG system TO bob");
        // Grants on system change neither what bob may write nor which rows he reads.
        assertThat(lake.ok(bob, "SELECT total_tokens FROM system.ai_gateway.usage")).containsExactly(List.of("10"));
        for (String write : List.of("INSERT INTO system.ai_gateway.usage (request_id, total_tokens) VALUES ('r2', 1)", "CREATE SCHEMA system.mine",
                "CREATE TABLE system.ai_gateway.t (a INT)", "DROP TABLE system.ai_gateway.usage",
                "CREATE VIEW system.ai_gateway.v AS SELECT 1 AS x", "DROP VIEW system.ai_gateway.usage_daily",
                "CREATE OR REPLACE VIEW system.ai_gateway.usage_daily AS SELECT * FROM system.ai_gateway.usage",
                "GRANT SELECT ON system.ai_gateway.usage TO alice")) {
            JsonNode error = lake.failed(bob, write);
            assertThat(error.path("error_code").asText()).as(write).isEqualTo("PERMISSION_DENIED");
            assertThat(error.path("message").asText()).as(write).startsWith("catalog system is read-only");
        }
        assertThat(lake.failed(gateway.adminToken(), "DROP CATALOG system CASCADE").path("message").asText())
                .isEqualTo("catalog system holds the gateway's own tables and cannot be dropped");
    }

    @Test
    void grantsToAGroupReachItsMembersAndGrantsToUsersReachEveryone() throws Exception {
        String query = "SELECT name FROM " + METRICS;
        var governance = gateway.gateway().governance();
        PrincipalRecord bobRecord = governance.principals().findByName("bob").orElseThrow();
        GroupRecord analysts = governance.groups().create("analysts", List.of(bobRecord.id()));
        lake.admin("GRANT USE CATALOG, USE SCHEMA ON CATALOG main TO `users`");
        lake.admin("GRANT SELECT ON TABLE " + METRICS + " TO `ANALYSTS`"); // stored under the group's own spelling
        assertThat(lake.ok(bob, query)).containsExactly(List.of("cost"));
        assertThat(lake.ok(bob, "SHOW TABLES IN main.telemetry")).containsExactly(List.of("telemetry", "cc_otel_metrics", "false"));

        governance.groups().changeMembers(analysts, List.of(), List.of(bobRecord.id()));
        assertDenied(query, "bob does not have SELECT on table " + METRICS);

        assertThat(lake.failed(gateway.adminToken(), "GRANT SELECT ON TABLE " + METRICS + " TO `nobody`").path("message").asText())
                .contains("create the user, service principal or group first");
    }

    private void assertDenied(String sql, String message) throws Exception {
        JsonNode error = lake.failed(bob, sql);
        assertThat(error.path("error_code").asText()).as(sql).isEqualTo("PERMISSION_DENIED");
        assertThat(error.path("message").asText()).as(sql).startsWith(message);
    }
}
