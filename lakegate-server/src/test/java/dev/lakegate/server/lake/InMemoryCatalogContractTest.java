package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.InMemoryCatalog;
import java.time.Clock;

/** The reference store against the shared contract, so the contract itself is known to be right. */
class InMemoryCatalogContractTest extends CatalogContract {
    @Override
    Catalog newCatalog(String managedRoot, Clock clock) {
        return new InMemoryCatalog(managedRoot, clock);
    }
}
