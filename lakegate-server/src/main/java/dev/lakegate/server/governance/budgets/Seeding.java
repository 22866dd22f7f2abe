package dev.lakegate.server.governance.budgets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a window's counter starts from. Only the window a budget was created in needs a seed: its requests
 * before the creation were never admitted against it, but are in the usage table. Every later window
 * starts at 0, because every request in it that the budget applies to was admitted against its counter.
 */
final class Seeding {
    private static final Logger LOG = LoggerFactory.getLogger(Seeding.class);

    private final RecordedSpend recorded;
    private final Directory directory;

    Seeding(RecordedSpend recorded, Directory directory) {
        this.recorded = recorded;
        this.directory = directory;
    }

    /**
     * The recorded spend the budget applies to, in micro-dollars. A failed read starts the window from 0
     * (logged): enforcing from 0 is better than not enforcing, and the window must open to enforce at all.
     */
    long seed(Budget budget, Window window) {
        if (!window.contains(budget.createdAt())) {
            return 0;
        }
        try {
            long micros = 0;
            for (RecordedSpend.Row row : recorded.in(window)) {
                String endpoint = row.endpointName() == null ? null : directory.endpoints().apply(row.endpointName()).orElse(row.endpointName());
                Spender spender = new Spender(row.requester(), row.requesterType(), directory.groups().apply(row.requester()), endpoint);
                micros += budget.appliesTo(spender) ? row.micros() : 0;
            }
            return micros;
        } catch (RuntimeException e) {
            LOG.error("cannot read the spend recorded for budget '{}' since {}: it starts this window from $0", budget.name(), window.start(), e);
            return 0;
        }
    }
}
