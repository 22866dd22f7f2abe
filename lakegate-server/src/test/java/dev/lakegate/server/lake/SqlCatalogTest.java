package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.CatalogContract;
import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.NewView;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.ViewInfo;
import dev.lakegate.lake.sql.SqlParser;
import dev.lakegate.server.store.ControlPlane;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog on the control-plane database: the shared contract, and that it survives a reopen. */
class SqlCatalogTest extends CatalogContract {
    @TempDir
    Path dataDir;

    @Override
    protected Catalog newCatalog(String managedRoot, Clock clock) {
        ControlPlane.openDataDir(dataDir).close(); // creates and migrates the database (V2 and V3 hold the catalog)
        return SqlCatalog.openDataDir(dataDir, managedRoot, clock);
    }

    @Test
    void everythingSurvivesAReopen() {
        TableInfo t = catalog.createTable(table(LOGS, Optional.empty()), "alice");
        catalog.grant(new Grant(LOGS, "bob", Privilege.SELECT));
        ViewInfo v = catalog.createView(new NewView(DAILY, "SELECT body AS `b` FROM main.telemetry.cc_otel_logs -- é",
                SqlParser.parseColumns("b STRING COMMENT 'the body', n ARRAY<STRUCT<x: DECIMAL(10,2)>>"), Optional.of("daily")), "alice", false);
        Catalog reopened = SqlCatalog.openDataDir(dataDir, "/data/managed", clock);
        assertThat(reopened.getTable(LOGS)).contains(t);
        assertThat(reopened.getView(DAILY)).contains(v);
        assertThat(reopened.listCatalogs()).isEqualTo(catalog.listCatalogs());
        assertThat(reopened.grantsOn(LOGS)).containsExactly(new Grant(LOGS, "bob", Privilege.SELECT));
    }
}
