package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.testing.TestGateway;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Views through the SQL and Unity Catalog APIs with real principals: DDL, listings, errors, and
 * definer rights (a view reads with its owner's privileges, checked against the creator's when created).
 */
class ViewsTest {
    TestGateway gateway;
    LakeClient lake;
    String admin;
    String alice;
    String bob;

    @BeforeEach
    void setUp() throws Exception {
        gateway = TestGateway.start();
        lake = new LakeClient(gateway);
        admin = gateway.adminToken();
        alice = lake.user("alice");
        bob = lake.user("bob");
        lake.admin("CREATE CATALOG main");
        lake.admin("CREATE SCHEMA main.s");
        lake.admin("CREATE TABLE main.s.t (name STRING, public BOOLEAN)");
        lake.admin("INSERT INTO main.s.t VALUES ('open', true), ('open', true), ('hidden', false)");
        for (String user : List.of("alice", "bob")) {
            lake.admin("GRANT USE CATALOG ON CATALOG main TO " + user);
            lake.admin("GRANT USE SCHEMA, CREATE TABLE ON SCHEMA main.s TO " + user);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
    }

    @Test
    void viewsAreCreatedListedDescribedReplacedAndDropped() throws Exception {
        lake.admin("CREATE VIEW main.s.counts COMMENT 'rows per name' AS SELECT name, count(*) AS n FROM main.s.t GROUP BY name");
        lake.admin("CREATE VIEW main.s.top AS SELECT c.name FROM main.s.counts AS c ORDER BY c.n DESC LIMIT 1");
        assertThat(lake.admin("SELECT * FROM main.s.top")).containsExactly(List.of("open"));
        assertThat(lake.admin("SELECT sum(counts.n) FROM main.s.counts JOIN main.s.t USING (name)")).containsExactly(List.of("5"));
        assertThat(lake.admin("SHOW TABLES IN main.s")).containsExactly(
                List.of("s", "counts", "false"), List.of("s", "t", "false"), List.of("s", "top", "false"));
        assertThat(lake.admin("DESCRIBE TABLE main.s.counts")).containsExactly(row("name", "string", null), row("n", "bigint", null));
        List<List<String>> extended = lake.admin("DESCRIBE TABLE EXTENDED main.s.counts");
        assertThat(extended).contains(row("Type", "VIEW", ""), row("Owner", "admin", ""), row("Comment", "rows per name", ""),
                row("View Text", "SELECT name, count(*) AS n FROM main.s.t GROUP BY name", ""));
        assertThat(extended).noneMatch(r -> r.getFirst().equals("Location"));
        assertThat(lake.admin("SHOW TBLPROPERTIES main.s.counts")).isEmpty();

        assertFails(admin, "CREATE VIEW main.s.counts AS SELECT 1 AS x", "ALREADY_EXISTS", "view main.s.counts already exists; "
                + "use IF NOT EXISTS to ignore this, or CREATE OR REPLACE VIEW to replace it");
        lake.admin("CREATE VIEW IF NOT EXISTS main.s.counts AS SELECT 1 AS x");
        lake.admin("CREATE OR REPLACE VIEW main.s.counts AS SELECT name, count(*) AS n, max(public) AS any_public FROM main.s.t GROUP BY ALL");
        assertThat(lake.admin("DESCRIBE main.s.counts")).extracting(List::getFirst).containsExactly("name", "n", "any_public");
        assertThat(lake.admin("SELECT * FROM main.s.top")).containsExactly(List.of("open")); // views nest by name

        assertFails(admin, "CREATE OR REPLACE VIEW main.s.t AS SELECT 1 AS x", "ALREADY_EXISTS",
                "table main.s.t already exists; CREATE OR REPLACE VIEW replaces views only");
        assertFails(admin, "CREATE TABLE main.s.counts (a INT)", "ALREADY_EXISTS", "view main.s.counts already exists");
        assertFails(admin, "DROP TABLE main.s.counts", "BAD_REQUEST", "main.s.counts is a view, not a table; use DROP VIEW main.s.counts");
        assertFails(admin, "DROP VIEW main.s.t", "BAD_REQUEST", "main.s.t is a table, not a view; use DROP TABLE main.s.t");
        assertFails(admin, "INSERT INTO main.s.counts VALUES ('x', 1, true)", "BAD_REQUEST", "main.s.counts is a view; only tables take rows");
        assertFails(admin, "DROP VIEW main.s.nope", "NOT_FOUND", "view main.s.nope does not exist");
        lake.admin("DROP VIEW IF EXISTS main.s.nope");

        lake.admin("DROP VIEW main.s.counts");
        assertFails(admin, "SELECT * FROM main.s.top", "NOT_FOUND", "in view main.s.top: line 1, column 20: table main.s.counts does not exist");
        lake.admin("DROP SCHEMA main.s CASCADE");
        assertThat(lake.admin("SHOW TABLES")).noneMatch(r -> r.getFirst().equals("main.s"));
    }

    @Test
    void aViewIsCheckedWhenCreatedAndNeverReachesItself() throws Exception {
        assertFails(admin, "CREATE VIEW main.s.bad AS\nSELECT * FROM main.s.nope", "NOT_FOUND", "line 2, column 15: table main.s.nope does not exist");
        assertFails(admin, "CREATE VIEW main.s.bad AS SELECT nope FROM main.s.t", "BAD_REQUEST", "Binder Error");
        assertFails(admin, "CREATE VIEW main.s.bad AS SELECT name, public AS Name FROM main.s.t", "BAD_REQUEST",
                "The query returns two columns named 'Name'; name them apart with AS");
        assertFails(admin, "CREATE VIEW main.nope.v AS SELECT 1 AS x", "NOT_FOUND", "schema main.nope does not exist");
        lake.admin("CREATE VIEW main.s.a AS SELECT name FROM main.s.t");
        lake.admin("CREATE VIEW main.s.b AS SELECT * FROM main.s.a");
        assertFails(admin, "CREATE OR REPLACE VIEW main.s.a AS SELECT * FROM main.s.b", "BAD_REQUEST",
                "line 1, column 15: view main.s.a references itself: main.s.a → main.s.b → main.s.a");
        assertFails(admin, "CREATE OR REPLACE VIEW main.s.a AS SELECT * FROM main.s.a", "BAD_REQUEST",
                "line 1, column 50: view main.s.a references itself: main.s.a → main.s.a");
        assertThat(lake.admin("SELECT count(*) FROM main.s.b")).containsExactly(List.of("3"));
    }

    @Test
    void aViewReadsWithItsOwnersPrivileges() throws Exception {
        assertFails(alice, "CREATE VIEW main.s.open AS SELECT name FROM main.s.t WHERE public", "PERMISSION_DENIED",
                "alice does not have SELECT on table main.s.t");
        lake.admin("GRANT SELECT ON TABLE main.s.t TO alice");
        lake.ok(alice, "CREATE VIEW main.s.open AS SELECT name FROM main.s.t WHERE public");
        assertFails(bob, "SELECT * FROM main.s.open", "PERMISSION_DENIED", "bob does not have SELECT on table main.s.open");
        lake.ok(alice, "GRANT SELECT ON VIEW main.s.open TO bob"); // the owner grants on what she owns
        assertThat(lake.ok(bob, "SELECT * FROM main.s.open")).containsExactly(List.of("open"), List.of("open"));
        assertFails(bob, "SELECT * FROM main.s.t", "PERMISSION_DENIED", "bob does not have SELECT on table main.s.t");
        // The relation the view reads is not bob's to name, however he spells it.
        for (String around : List.of("SELECT * FROM main.s.open, \"main.s.t\"", "SELECT * FROM main.s.open WHERE name IN (FROM \"main.s.t\" SELECT name)")) {
            assertFails(bob, around, "BAD_REQUEST", "'main.s.t' is not a table of the catalog nor a CTE of the query");
        }
        assertFails(bob, "CREATE VIEW main.s.mine AS SELECT * FROM main.s.t", "PERMISSION_DENIED", "bob does not have SELECT on table main.s.t");
        // A view over a view he may read is fine: his view reads main.s.open with his rights, and main.s.open with alice's.
        lake.ok(bob, "CREATE VIEW main.s.mine AS SELECT count(*) AS n FROM main.s.open");
        assertThat(lake.ok(bob, "SELECT n FROM main.s.mine")).containsExactly(List.of("2"));
        assertFails(bob, "CREATE OR REPLACE VIEW main.s.open AS SELECT 1 AS x", "PERMISSION_DENIED",
                "bob may not replace table main.s.open: only admins and its owner may");

        lake.admin("REVOKE SELECT ON TABLE main.s.t FROM alice");
        assertFails(bob, "SELECT * FROM main.s.open", "PERMISSION_DENIED",
                "in view main.s.open: alice does not have SELECT on table main.s.t");
        lake.admin("GRANT SELECT ON TABLE main.s.t TO alice");
        var principals = gateway.gateway().governance().principals();
        principals.deactivate(principals.findByName("alice").orElseThrow().id());
        assertFails(bob, "SELECT * FROM main.s.mine", "PERMISSION_DENIED", "in view main.s.mine: view main.s.open reads with the "
                + "privileges of its owner alice, who is no longer an active principal");
        lake.admin("CREATE OR REPLACE VIEW main.s.open AS SELECT name FROM main.s.t WHERE public"); // the admin takes it over
        assertThat(lake.ok(bob, "SELECT n FROM main.s.mine")).containsExactly(List.of("2"));
    }

    @Test
    void theUnityCatalogApiListsViewsWithTheirDefinition() throws Exception {
        lake.admin("GRANT SELECT ON TABLE main.s.t TO alice");
        lake.ok(alice, "CREATE VIEW main.s.open COMMENT 'public rows' AS SELECT name, public FROM main.s.t WHERE public");
        LakeClient.Answer answer = lake.uc(alice, "/tables/main.s.open");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode v = answer.json();
        assertThat(v.path("table_type").asText()).isEqualTo("VIEW");
        assertThat(v.path("view_definition").asText()).isEqualTo("SELECT name, public FROM main.s.t WHERE public");
        assertThat(v.path("owner").asText()).isEqualTo("alice");
        assertThat(v.path("comment").asText()).isEqualTo("public rows");
        assertThat(v.has("storage_location")).isFalse();
        assertThat(v.has("data_source_format")).isFalse();
        assertThat(v.path("columns").get(1).toString()).isEqualTo("{\"name\":\"public\",\"type_text\":\"boolean\",\"type_name\":"
                + "\"BOOLEAN\",\"type_json\":\"{\\\"name\\\":\\\"public\\\",\\\"type\\\":\\\"boolean\\\",\\\"nullable\\\":true,"
                + "\\\"metadata\\\":{}}\",\"position\":1,\"nullable\":true}");
        JsonNode listed = lake.uc(bob, "/tables?catalog_name=main&schema_name=s").json().path("tables");
        assertThat(listed).isEmpty(); // bob may read neither the table nor the view
        lake.ok(alice, "GRANT SELECT ON VIEW main.s.open TO bob");
        listed = lake.uc(bob, "/tables?catalog_name=main&schema_name=s").json().path("tables");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("full_name").asText()).isEqualTo("main.s.open");
        assertThat(lake.uc(bob, "/tables/main.s.t").status()).isEqualTo(403);
    }

    private void assertFails(String token, String sql, String code, String message) throws Exception {
        JsonNode error = lake.failed(token, sql);
        assertThat(error.path("error_code").asText()).as(sql + " → " + error).isEqualTo(code);
        assertThat(error.path("message").asText()).as(sql).contains(message);
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }
}
