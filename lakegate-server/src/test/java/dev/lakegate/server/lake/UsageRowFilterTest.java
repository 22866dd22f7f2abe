package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.server.testing.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The row filter of {@code system.ai_gateway.usage} through the SQL and Unity Catalog APIs: every
 * principal reads it, a non-admin only the rows naming them, whatever the query looks like, whoever
 * owns the view it goes through; admins read all. Each way around the filter we could think of is here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageRowFilterTest {
    static final String USAGE = "system.ai_gateway.usage";
    TestGateway gateway;
    LakeClient lake;
    String alice;
    String bob;
    Path usageFile;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start();
        lake = new LakeClient(gateway);
        alice = lake.user("alice");
        bob = lake.user("bob");
        lake.admin("INSERT INTO " + USAGE + " (request_id, requester, tool, total_tokens) VALUES "
                + "('a1', 'alice', 'claude-code', 100), ('a2', 'alice', 'codex-cli', 200), ('b1', 'bob', 'claude-code', 7), ('x', NULL, NULL, 1)");
        lake.admin("CREATE CATALOG main");
        lake.admin("CREATE SCHEMA main.s");
        lake.admin("CREATE TABLE main.s.copy (request_id STRING, total_tokens BIGINT)");
        for (String user : List.of("alice", "bob")) {
            lake.admin("GRANT USE CATALOG ON CATALOG main TO " + user);
            lake.admin("GRANT USE SCHEMA, CREATE TABLE, MODIFY, SELECT ON SCHEMA main.s TO " + user);
        }
        lake.admin("CREATE VIEW main.s.admins_usage AS SELECT requester, total_tokens FROM " + USAGE);
        lake.admin("GRANT SELECT ON VIEW main.s.admins_usage TO bob");
        String location = lake.uc(gateway.adminToken(), "/tables/" + USAGE).json().path("storage_location").asText();
        try (Stream<Path> files = Files.list(Path.of(location))) {
            usageFile = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void adminsReadEveryRowAndOthersTheirOwn() throws Exception {
        assertThat(lake.admin("SELECT count(*), sum(total_tokens) FROM " + USAGE)).containsExactly(List.of("4", "308"));
        assertThat(lake.ok(alice, "SELECT request_id FROM " + USAGE + " ORDER BY 1")).containsExactly(List.of("a1"), List.of("a2"));
        assertThat(lake.ok(bob, "SELECT request_id, requester FROM " + USAGE)).containsExactly(List.of("b1", "bob"));
        assertThat(lake.ok(bob, "DESCRIBE TABLE " + USAGE)).hasSize(29);
        assertThat(lake.ok(bob, "SHOW TABLES IN system.ai_gateway")).extracting(r -> r.get(1)).containsExactly("usage", "usage_daily");
        assertThat(lake.ok(bob, "SELECT requester, requests FROM system.ai_gateway.usage_daily")).containsExactly(List.of("bob", "1"));
    }

    @Test
    void noQueryShapeReadsAroundTheFilter() throws Exception {
        for (String shape : List.of(
                "SELECT sum(total_tokens) FROM " + USAGE,
                "SELECT sum(u.total_tokens) FROM " + USAGE + " AS u WHERE requester <> 'bob' OR true",
                "SELECT sum(total_tokens) FROM (SELECT * FROM " + USAGE + ") x",
                "SELECT sum(total_tokens) FROM " + USAGE + " WHERE request_id IN (SELECT request_id FROM " + USAGE + ")",
                "WITH everyone AS (SELECT * FROM " + USAGE + ") SELECT sum(total_tokens) FROM everyone",
                "SELECT sum(total_tokens) FROM (SELECT total_tokens FROM " + USAGE + " UNION ALL SELECT 0)",
                "SELECT sum(a.total_tokens) FROM " + USAGE + " a JOIN " + USAGE + " b USING (request_id)",
                "SELECT sum(total_tokens) FROM main.s.admins_usage",
                "FROM " + USAGE + " SELECT sum(total_tokens)")) {
            assertThat(lake.ok(bob, shape)).as(shape).containsExactly(List.of("7"));
        }
    }

    @Test
    void aViewOverTheTableFiltersForWhoeverReadsIt() throws Exception {
        lake.ok(bob, "CREATE VIEW main.s.bobs_view AS SELECT requester, sum(total_tokens) AS tokens FROM " + USAGE + " GROUP BY requester");
        lake.ok(bob, "GRANT SELECT ON VIEW main.s.bobs_view TO alice");
        assertThat(lake.ok(bob, "SELECT * FROM main.s.bobs_view")).containsExactly(List.of("bob", "7"));
        assertThat(lake.ok(alice, "SELECT * FROM main.s.bobs_view")).containsExactly(List.of("alice", "300"));
        assertThat(lake.admin("SELECT count(*) FROM main.s.bobs_view")).containsExactly(List.of("3"));
        // INSERT … SELECT copies what the writer may read, no more.
        lake.ok(bob, "INSERT INTO main.s.copy SELECT request_id, total_tokens FROM " + USAGE);
        assertThat(lake.admin("SELECT request_id FROM main.s.copy")).containsExactly(List.of("b1"));
    }

    @Test
    void filesAndDuckDbsOwnTablesAreOutOfReach() throws Exception {
        String file = usageFile.toString();
        String dir = usageFile.getParent().toString();
        for (String[] attempt : List.of(
                new String[] {"SELECT * FROM read_parquet('" + file + "')", "Table function read_parquet cannot be used"},
                new String[] {"SELECT * FROM " + USAGE + ", read_parquet('" + file + "')", "Table function read_parquet cannot be used"},
                new String[] {"SELECT * FROM " + USAGE + " UNION ALL SELECT * FROM parquet_scan('" + dir + "/*.parquet')",
                    "Table function parquet_scan cannot be used"},
                new String[] {"SELECT * FROM delta_scan('" + dir + "')", "Table function delta_scan cannot be used"},
                new String[] {"SELECT * FROM " + USAGE + ", '" + file + "'", "is not a table of the catalog nor a CTE of the query"},
                new String[] {"SELECT sql FROM " + USAGE + ", duckdb_views()", "Table function duckdb_views cannot be used"},
                new String[] {"SELECT sql FROM " + USAGE + ", sqlite_master", "'sqlite_master' is not a table of the catalog"},
                new String[] {"SELECT * FROM \"" + USAGE + "\"", "is not a table of the catalog nor a CTE of the query"},
                new String[] {"SELECT * FROM (SUMMARIZE " + USAGE + ")", "DESCRIBE and SUMMARIZE cannot be used inside a query"},
                new String[] {"SELECT * FROM query('SELECT * FROM " + USAGE + "')", "Table function query cannot be used"})) {
            JsonNode error = lake.failed(bob, attempt[0]);
            assertThat(error.path("error_code").asText()).as(attempt[0]).isEqualTo("BAD_REQUEST");
            assertThat(error.path("message").asText()).as(attempt[0]).contains(attempt[1]).doesNotContain("alice");
        }
    }

    @Test
    void writesAndGrantsOnSystemStayAdminOnly() throws Exception {
        for (String write : List.of("INSERT INTO " + USAGE + " (request_id, requester) VALUES ('forged', 'alice')",
                "DROP TABLE " + USAGE, "DROP VIEW system.ai_gateway.usage_daily", "GRANT SELECT ON TABLE " + USAGE + " TO alice",
                "CREATE OR REPLACE VIEW system.ai_gateway.usage_daily AS SELECT * FROM " + USAGE)) {
            JsonNode error = lake.failed(bob, write);
            assertThat(error.path("error_code").asText()).as(write).isEqualTo("PERMISSION_DENIED");
            assertThat(error.path("message").asText()).as(write).startsWith("catalog system is read-only");
        }
    }

    @Test
    void theCatalogApiShowsTheTableButNoRows() throws Exception {
        assertThat(lake.uc(bob, "/tables/" + USAGE).status()).isEqualTo(200);
        JsonNode daily = lake.uc(bob, "/tables/system.ai_gateway.usage_daily").json();
        assertThat(daily.path("table_type").asText()).isEqualTo("VIEW");
        assertThat(daily.path("owner").asText()).isEqualTo(Lake.SYSTEM_OWNER);
        assertThat(daily.toString()).doesNotContain("alice");
    }
}
