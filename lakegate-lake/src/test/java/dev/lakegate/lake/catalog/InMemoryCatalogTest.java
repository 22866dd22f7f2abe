package dev.lakegate.lake.catalog;

import java.time.Clock;

/** The reference store against the shared contract, so the contract itself is known to be right. */
class InMemoryCatalogTest extends CatalogContract {
    @Override
    protected Catalog newCatalog(String managedRoot, Clock clock) {
        return new InMemoryCatalog(managedRoot, clock);
    }
}
