package dev.lakegate.server.governance.budgets;

import dev.lakegate.server.governance.GovernanceErrors;
import dev.lakegate.server.governance.Principal;
import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.store.BudgetStore;
import dev.lakegate.server.store.DuplicateNameException;
import dev.lakegate.server.store.WindowCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budgets of one gateway (SPEC §3): the definitions admins manage, admission and settlement of requests
 * against counters every gateway on the database shares, and the background work — reading definitions
 * every second, giving back the holds of requests whose gateway died. Design: docs/design/017-budgets.md.
 */
public final class Budgets implements AutoCloseable {
    /** How often definitions are read again: a change made through another gateway applies here within it. */
    static final Duration REFRESH = Duration.ofSeconds(1);
    /** A hold not settled by then belonged to a gateway that died; the sweeper gives it back. */
    static final Duration HOLD_LIFETIME = Duration.ofMinutes(15);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /** How long settled ledger rows are kept: far longer than any request, so settling twice still finds its row. */
    static final Duration LEDGER_RETENTION = Duration.ofDays(1);
    static final long MAX_LIMIT_MICROS = 1_000_000_000L * Usd.MICROS_PER_USD;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);

    private final BudgetStore store;
    private final Directory directory;
    private final Clock clock;
    private final BudgetDefinitions definitions;
    private final Admissions admissions;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService background =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lakegate-budgets").daemon().factory());

    private Budgets(BudgetStore store, Directory directory, RecordedSpend recorded, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.definitions = new BudgetDefinitions(store);
        this.admissions = new Admissions(store, definitions, new Seeding(recorded, directory), clock);
    }

    /** Reads the definitions and starts the background work; {@link #close()} stops it. */
    public static Budgets start(BudgetStore store, Directory directory, RecordedSpend recorded, Clock clock) {
        Budgets budgets = new Budgets(store, directory, recorded, clock);
        budgets.refresh();
        budgets.background.scheduleWithFixedDelay(() -> budgets.quietly("read budget definitions", budgets::refresh),
                REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        budgets.background.scheduleWithFixedDelay(() -> budgets.quietly("give back expired budget holds", budgets::sweep),
                SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return budgets;
    }

    /**
     * Holds the request's estimate on every budget that applies to it; see {@link Admissions#admit}. Every
     * admission must be {@link #settle settled}, however the request ends.
     */
    public Admission admit(String requestId, Spender spender, LongSupplier estimateMicros, Instant receivedAt) {
        return admissions.admit(requestId, spender, estimateMicros, receivedAt);
    }

    /** @param costUsd the request's {@code cost_usd} as its usage row records it; null (unknown prices) charges nothing */
    public void settle(Admission admission, Double costUsd) {
        admissions.settle(admission, Usd.micros(costUsd));
    }

    public BudgetView create(NewBudget request, String createdBy) {
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw GovernanceErrors.invalid("budget name '" + request.name() + "' is not usable: use 1–100 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit, e.g. \"team-eng-daily\"");
        }
        if (request.period() == null) {
            throw GovernanceErrors.invalid("\"period\" is required: DAY or MONTH (UTC calendar days or months)");
        }
        Budget budget = new Budget(ThreadLocalRandom.current().nextLong(1_000_000L, 1L << 53), request.name(), request.scope(),
                subject(request.scope(), request.subject()), request.period(), checkedLimit(request.limitMicros()), createdBy, clock.instant());
        try {
            store.insert(budget);
        } catch (DuplicateNameException e) {
            throw GovernanceErrors.conflict("a budget named '" + request.name() + "' already exists: change its limit with PATCH "
                    + "/api/2.0/budgets/" + request.name() + ", or choose another name");
        }
        refresh();
        Window window = budget.period().windowAt(clock.instant());
        admissions.open(budget, window); // seeds it now, from the spend recorded so far in this window
        return view(budget, window);
    }

    /** Every budget with its current window, by name. */
    public List<BudgetView> list() {
        Instant now = clock.instant();
        return store.list().stream().map(b -> view(b, b.period().windowAt(now))).toList();
    }

    public BudgetView get(String name) {
        Budget budget = existing(name);
        return view(budget, budget.period().windowAt(clock.instant()));
    }

    /** A new limit applies to the current window at once, on every gateway: admission compares with the stored limit. */
    public BudgetView updateLimit(String name, long limitMicros) {
        Budget budget = existing(name).withLimit(checkedLimit(limitMicros));
        if (!store.updateLimit(budget.id(), budget.limitMicros(), clock.instant())) {
            throw notFound(name);
        }
        refresh();
        return view(budget, budget.period().windowAt(clock.instant()));
    }

    public void delete(String name) {
        if (!store.delete(existing(name).id())) {
            throw notFound(name);
        }
        refresh();
    }

    void refresh() {
        definitions.refresh();
        admissions.retain(definitions.all());
    }

    /** Gives back holds older than {@link #HOLD_LIFETIME} and forgets old ledger rows; safe on every gateway at once. */
    void sweep() {
        Instant now = clock.instant();
        int expired = store.expire(now.minus(HOLD_LIFETIME), now);
        if (expired > 0) {
            LOG.warn("gave back {} budget holds of requests admitted over {} ago and never settled (a gateway stopped while serving them)",
                    expired, HOLD_LIFETIME);
        }
        store.prune(now.minus(LEDGER_RETENTION));
    }

    @Override
    public void close() {
        background.shutdownNow();
    }

    private BudgetView view(Budget budget, Window window) {
        return new BudgetView(budget, window, store.counter(budget.id(), window.start()).orElse(WindowCounter.empty(budget.id(), window.start())));
    }

    private Budget existing(String name) {
        return store.findByName(name).orElseThrow(() -> notFound(name));
    }

    /** The subject as stored: a principal's or endpoint's own spelling; it must exist (groups are taken as named). */
    private String subject(BudgetScope scope, String subject) {
        if (scope == null) {
            throw GovernanceErrors.invalid("\"scope\" is required: USER, SERVICE_PRINCIPAL, GROUP or ENDPOINT");
        }
        if (subject == null || subject.isBlank() || subject.length() > 255 || subject.codePoints().anyMatch(Character::isISOControl)) {
            throw GovernanceErrors.invalid("\"subject\" is required: the " + scope.label + " the budget is for, e.g. {\"scope\": \""
                    + scope.name() + "\", \"subject\": \"" + example(scope) + "\"}");
        }
        return switch (scope) {
            case USER, SERVICE_PRINCIPAL -> {
                PrincipalType type = scope == BudgetScope.USER ? PrincipalType.USER : PrincipalType.SERVICE_PRINCIPAL;
                yield directory.principals().apply(subject).filter(p -> p.type() == type).map(Principal::name).orElseThrow(() ->
                        GovernanceErrors.notFound("no " + scope.label + " named '" + subject + "': see ./lakegate "
                                + (type == PrincipalType.USER ? "users" : "service-principals") + " list"));
            }
            case GROUP -> subject.strip();
            case ENDPOINT -> directory.endpoints().apply(subject).orElseThrow(() ->
                    GovernanceErrors.notFound("no endpoint named '" + subject + "': agents' model names are the configured endpoints"));
        };
    }

    private static String example(BudgetScope scope) {
        return switch (scope) {
            case USER -> "alice";
            case SERVICE_PRINCIPAL -> "ci-bot";
            case GROUP -> Budget.EVERYONE;
            case ENDPOINT -> "claude-sonnet";
        };
    }

    private static long checkedLimit(long limitMicros) {
        if (limitMicros <= 0 || limitMicros > MAX_LIMIT_MICROS) {
            throw GovernanceErrors.invalid("\"limit_usd\" must be more than 0 and at most " + Usd.format(MAX_LIMIT_MICROS)
                    + ", e.g. {\"limit_usd\": 25.0}");
        }
        return limitMicros;
    }

    private static RuntimeException notFound(String name) {
        return GovernanceErrors.notFound("no budget named '" + name + "': list them with GET /api/2.0/budgets");
    }

    /** Runs background work; a failure is logged once until the work succeeds again (the database may be down for a while). */
    private void quietly(String what, Runnable work) {
        try {
            work.run();
            if (failing.remove(what)) {
                LOG.info("could {} again", what);
            }
        } catch (RuntimeException e) {
            if (failing.add(what)) {
                LOG.warn("cannot {} (trying again, keeping the last definitions read): {}", what, e.toString());
            }
        }
    }
}
