package dev.lakegate.server.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.CatalogContract;
import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.TableInfo;
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
        ControlPlane.openDataDir(dataDir).close(); // creates and migrates the database (V2 holds the catalog)
        return SqlCatalog.openDataDir(dataDir, managedRoot, clock);
    }

    @Test
    void everythingSurvivesAReopen() {
        TableInfo t = catalog.createTable(table(LOGS, Optional.empty()), "alice");
        catalog.grant(new Grant(LOGS, "bob", Privilege.SELECT));
        Catalog reopened = SqlCatalog.openDataDir(dataDir, "/data/managed", clock);
        assertThat(reopened.getTable(LOGS)).contains(t);
        assertThat(reopened.listCatalogs()).isEqualTo(catalog.listCatalogs());
        assertThat(reopened.grantsOn(LOGS)).containsExactly(new Grant(LOGS, "bob", Privilege.SELECT));
    }
}
