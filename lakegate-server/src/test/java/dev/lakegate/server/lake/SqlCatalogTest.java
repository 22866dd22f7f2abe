package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.CatalogContract;
import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.NewView;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.server.config.DatabaseConfig;
import dev.lakegate.server.store.StoreDatabase;
import dev.lakegate.server.store.TestDatabase;
import dev.lakegate.lake.catalog.ViewInfo;
import dev.lakegate.lake.sql.SqlParser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalog on the control-plane database, on each database: the shared contract, and that it survives a reopen. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SqlCatalogTest extends CatalogContract {
    @Parameter
    TestDatabase backend;

    @TempDir
    Path dataDir;

    private DatabaseConfig config;
    private StoreDatabase database;

    @Override
    protected Catalog newCatalog(String managedRoot, Clock clock) {
        config = backend.fresh(dataDir);
        database = StoreDatabase.open(config, dataDir); // creates and migrates the database (V2 and V3 hold the catalog)
        return new SqlCatalog(database, managedRoot, clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everythingSurvivesAReopen() {
        TableInfo t = catalog.createTable(table(LOGS, Optional.empty()), "alice");
        catalog.grant(new Grant(LOGS, "bob", Privilege.SELECT));
        ViewInfo v = catalog.createView(new NewView(DAILY, "SELECT body AS `b` FROM main.telemetry.cc_otel_logs -- é",
                SqlParser.parseColumns("b STRING COMMENT 'the body', n ARRAY<STRUCT<x: DECIMAL(10,2)>>"), Optional.of("daily")), "alice", false);
        try (StoreDatabase again = StoreDatabase.open(config, dataDir)) {
            Catalog reopened = new SqlCatalog(again, "/data/managed", clock);
            assertThat(reopened.getTable(LOGS)).contains(t);
            assertThat(reopened.getView(DAILY)).contains(v);
            assertThat(reopened.listCatalogs()).isEqualTo(catalog.listCatalogs());
            assertThat(reopened.grantsOn(LOGS)).containsExactly(new Grant(LOGS, "bob", Privilege.SELECT));
        }
    }
}
