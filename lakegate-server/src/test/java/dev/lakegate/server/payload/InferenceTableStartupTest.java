package dev.lakegate.server.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.lake.LakeClient;
import dev.lakegate.server.testing.TestGateway;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An inference table that cannot be written stops the start, with the statement that fixes it. */
class InferenceTableStartupTest {
    private static final String ENDPOINT = """
              - {name: logged, destinations: [{provider: scripted, model: gpt-5}],
                 inference_table_config: {catalog_name: main, schema_name: payloads}}
            """;

    @Test
    void aMissingCatalogNamesTheStatementsToRun() {
        assertThatThrownBy(() -> TestGateway.start("", ENDPOINT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint 'logged' inference_table_config")
                .hasMessageContaining("main.payloads.logged_payload")
                .hasMessageContaining("CREATE CATALOG main and CREATE SCHEMA main.payloads");
    }

    @Test
    void aMissingSchemaNamesTheStatementToRun() throws Exception {
        TestGateway first = TestGateway.start();
        new LakeClient(first).admin("CREATE CATALOG main");
        assertThatThrownBy(() -> first.restart(ENDPOINT, "", "", Math::random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema main.payloads does not exist; as an admin, run CREATE SCHEMA main.payloads");
    }

    @Test
    void aTableWithOtherColumnsIsNotWrittenTo() throws Exception {
        TestGateway first = TestGateway.start();
        LakeClient lake = new LakeClient(first);
        lake.admin("CREATE CATALOG main");
        lake.admin("CREATE SCHEMA main.payloads");
        lake.admin("CREATE TABLE main.payloads.logged_payload (request_id STRING, body STRING)");
        assertThatThrownBy(() -> first.restart(ENDPOINT, "", "", Math::random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("main.payloads.logged_payload has other columns")
                .hasMessageContaining("DROP TABLE main.payloads.logged_payload");
    }

    @Test
    void anExistingTableOfTheRightShapeIsKept() throws Exception {
        TestGateway first = TestGateway.start();
        LakeClient lake = new LakeClient(first);
        lake.admin("CREATE CATALOG main");
        lake.admin("CREATE SCHEMA main.payloads");
        TestGateway second = first.restart(ENDPOINT, "", "", Math::random);
        try (TestGateway third = second.restart(ENDPOINT, "", "", Math::random)) {
            assertThat(new LakeClient(third).admin("SHOW TABLES IN main.payloads")).extracting(row -> row.get(1))
                    .isEqualTo(List.of("logged_payload"));
        }
    }
}
