package dev.lakegate.server;

import dev.lakegate.server.api.ApiRoute;
import dev.lakegate.server.api.admin.AdminApi;
import dev.lakegate.server.api.admin.BudgetApi;
import dev.lakegate.server.config.DashboardConfig;
import dev.lakegate.server.config.GatewayConfig;
import dev.lakegate.server.config.ProviderType;
import dev.lakegate.server.config.ServerConfig;
import dev.lakegate.server.dashboard.DashboardHandler;
import dev.lakegate.server.dashboard.DataApi;
import dev.lakegate.server.dashboard.JdbcSessionStore;
import dev.lakegate.server.dashboard.Sessions;
import dev.lakegate.server.governance.Bootstrap;
import dev.lakegate.server.governance.Caller;
import dev.lakegate.server.governance.Governance;
import dev.lakegate.server.governance.limits.BucketStore;
import dev.lakegate.server.governance.limits.LocalBucketStore;
import dev.lakegate.server.governance.limits.RateLimiter;
import dev.lakegate.server.governance.limits.RedisBucketStore;
import dev.lakegate.server.governance.budgets.Budgets;
import dev.lakegate.server.governance.budgets.Directory;
import dev.lakegate.server.governance.budgets.EnforceBudgets;
import dev.lakegate.server.governance.budgets.UsageSpend;
import dev.lakegate.server.http.ApiDispatcher;
import dev.lakegate.server.http.GatewayHandler;
import dev.lakegate.server.lake.Lake;
import dev.lakegate.server.lane.PassthroughLane;
import dev.lakegate.server.lane.TranslationLane;
import dev.lakegate.server.observe.GatewayMetrics;
import dev.lakegate.server.observe.ListenerBus;
import dev.lakegate.server.observe.LogRequestListener;
import dev.lakegate.server.observe.RequestListener;
import dev.lakegate.server.otel.OtlpReceiver;
import dev.lakegate.server.payload.PayloadRecorder;
import dev.lakegate.server.payload.SamplePayload;
import dev.lakegate.server.pipeline.Authenticate;
import dev.lakegate.server.pipeline.Authorize;
import dev.lakegate.server.pipeline.Dispatch;
import dev.lakegate.server.pipeline.EnforceRateLimits;
import dev.lakegate.server.pipeline.ListModels;
import dev.lakegate.server.pipeline.Pipeline;
import dev.lakegate.server.pipeline.ResolveEndpoint;
import dev.lakegate.server.pipeline.PlanRoute;
import dev.lakegate.server.provider.Endpoint;
import dev.lakegate.server.provider.EndpointRegistry;
import dev.lakegate.server.provider.UpstreamClient;
import dev.lakegate.server.provider.scripted.ScriptedUpstream;
import dev.lakegate.server.store.BudgetStore;
import dev.lakegate.server.store.ControlPlane;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.StoreDatabase;
import dev.lakegate.server.store.TokenRecord;
import dev.lakegate.server.usage.UsageRecorder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One running gateway: the control plane, the pipeline, the upstream client and the HTTP listener,
 * assembled in one readable place. {@link #close()} drains open streams within the grace period.
 */
public final class Gateway implements AutoCloseable {
    /** Usage rows that may wait for the write-ahead log before new ones are dropped. */
    private static final int USAGE_QUEUE_ROWS = 32_768;
    /** Connections the kernel holds for the acceptor (capped by {@code net.core.somaxconn}). */
    private static final int ACCEPT_QUEUE = 1024;

    /**
     * @param adminToken the operator's {@code LAKEGATE_ADMIN_TOKEN}, if set
     * @param dataDir the embedded database (unless {@code database.url} names another), tables and write-ahead logs
     * @param env where provider credentials and {@code LAKEGATE_DB_PASSWORD} are read from (the process environment in
     *     production)
     * @param extraListeners observers beyond the built-in log, metrics and usage recorder (tests)
     * @param samplingRandom uniform in [0, 1): draws which requests inference tables record (seeded in tests)
     */
    public record Options(GatewayConfig config, Path dataDir, Optional<String> adminToken, Function<String, String> env,
            List<RequestListener> extraListeners, DoubleSupplier samplingRandom) {

        public Options(GatewayConfig config, Path dataDir, Optional<String> adminToken) {
            this(config, dataDir, adminToken, System::getenv, List.of());
        }

        public Options(GatewayConfig config, Path dataDir, Optional<String> adminToken, Function<String, String> env,
                List<RequestListener> extraListeners) {
            this(config, dataDir, adminToken, env, extraListeners, () -> ThreadLocalRandom.current().nextDouble());
        }
    }

    private final StoreDatabase database;
    private final Governance governance;
    private final Bootstrap.Result bootstrap;
    private final ScriptedUpstream scripted;
    private final EndpointRegistry endpoints;
    private final UpstreamClient upstream;
    private final ListenerBus listeners;
    private final UsageRecorder usage;
    private final PayloadRecorder payloads;
    private final BucketStore buckets;
    private final Budgets budgets;
    private final Lake lake;
    private final Sessions sessions;
    private final Server server;
    private volatile boolean ready;
    private final boolean tls;

    private Gateway(Options options) throws Exception {
        GatewayConfig config = options.config();
        tls = config.server().tls() != null;
        String tlsPassword = tls ? tlsPassword(config.server().tls(), options.env()) : null; // before anything is opened
        database = StoreDatabase.open(config.database().withPasswordFrom(options.env()), options.dataDir());
        governance = Governance.create(ControlPlane.on(database), Duration.ofMillis(config.database().changePollMs()));
        bootstrap = governance.bootstrap(options.adminToken());
        scripted = config.providers().stream().anyMatch(p -> p.type() == ProviderType.SCRIPTED && p.baseUrl() == null)
                ? ScriptedUpstream.start(0) : null;
        endpoints = new EndpointRegistry();
        endpoints.load(config, options.env(), scripted == null ? null : scripted.baseUrl());
        // Ai-gateway settings set through the API replace the file's, now and after every change of any gateway.
        governance.aiGateway().stored().subscribe(endpoints::overlay);
        upstream = new UpstreamClient();

        Clock clock = Clock.systemUTC();
        // Lake (SPEC §6): catalog in the control-plane database, managed tables under <dataDir>/lake,
        // catalog `system` created on first start; SQL and Unity Catalog APIs.
        lake = Lake.open(database, options.dataDir(), config.lake().managedRoot(options.dataDir()), config.lake().externalLocations(), governance::granteeName, governance::asOwner, clock, config.lake().walOptions());
        GatewayMetrics metrics = new GatewayMetrics(name -> endpoints.find(name).map(Endpoint::name));
        Duration closeTimeout = config.lake().walOptions().closeTimeout();
        PayloadRecorder payloadRecorder = null;
        try {
            // Inference tables (SPEC §4), created now: a missing schema stops the start instead of losing rows later.
            payloadRecorder = PayloadRecorder.start(lake, endpoints, metrics, closeTimeout);
            // Usage (SPEC §4): a row per request in system.ai_gateway.usage, written off the request thread.
            usage = UsageRecorder.start(lake, metrics, USAGE_QUEUE_ROWS, closeTimeout);
        } catch (RuntimeException e) {
            if (payloadRecorder != null) {
                payloadRecorder.close();
            }
            lake.close();
            upstream.close();
            if (scripted != null) {
                scripted.close();
            }
            governance.close();
            database.close();
            throw e;
        }
        payloads = payloadRecorder;
        List<RequestListener> observers = new ArrayList<>(List.of(new LogRequestListener(), metrics, usage, payloads));
        observers.addAll(options.extraListeners());
        listeners = new ListenerBus(observers, 65_536);
        // Budgets (SPEC §3): counters shared through the control-plane database, seeded from the usage table.
        budgets = Budgets.start(BudgetStore.on(database), new Directory(
                name -> governance.principals().findByName(name).map(PrincipalRecord::principal),
                name -> governance.asOwner(name).map(Caller::groups).orElse(Set.of()),
                name -> endpoints.find(name).map(Endpoint::name)), new UsageSpend(lake.service()), clock);

        // Rate limits (SPEC §3): buckets in memory, or in Redis shared by replicas.
        buckets = bucketStore(config, options.env());

        Pipeline pipeline = new Pipeline(List.of(
                new Authenticate(governance.authenticator()),
                new ListModels(endpoints, governance.permissions(), clock.instant()),
                new ResolveEndpoint(endpoints),
                new Authorize(governance.permissions()),
                new SamplePayload(options.samplingRandom()),
                new EnforceRateLimits(new RateLimiter(buckets, config.rateLimiting().onRedisFailure(), metrics), clock),
                new PlanRoute(),
                new EnforceBudgets(budgets),
                new Dispatch(new PassthroughLane(upstream), new TranslationLane(upstream))));
        List<ApiRoute> routes = new ArrayList<>(AdminApi.routes(governance, endpoints, payloads));
        routes.addAll(BudgetApi.routes(budgets));
        routes.addAll(lake.routes());
        ApiDispatcher api = new ApiDispatcher(routes, governance.authenticator());
        // Dashboard (SPEC §7): sessions in the control-plane database, so replicas share them; each request
        // re-checks the session's token, so a revocation ends the session at once. Charts run as the signed-in caller.
        DashboardConfig dashboardConfig = config.dashboard();
        List<ApiRoute> dashboardDataRoutes = DataApi.start(lake, budgets, group -> governance.groups().findByName(group)
                .map(g -> governance.groups().members(g).stream().map(p -> p.principal().name()).toList()).orElse(List.of()),
                dashboardConfig.telemetryTables(), clock).routes();
        sessions = new Sessions(new JdbcSessionStore(database), governance.authenticator()::authenticateTokenId,
                tokenId -> governance.tokens().find(tokenId).flatMap(TokenRecord::expiresAt), clock,
                Duration.ofMinutes(dashboardConfig.sessionIdleMinutes()), Duration.ofHours(dashboardConfig.sessionMaxHours()));
        DashboardHandler dashboard = new DashboardHandler(sessions, governance.authenticator(), api, dashboardDataRoutes, dashboardConfig,
                DashboardHandler.STATIC_ROOT, clock);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("lakegate-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(64 * 1024); // agents send large metadata headers (Codex's turn metadata)
        http.setSendServerVersion(false);
        ServerConnector connector = config.server().tls() == null ? new ServerConnector(server, new HttpConnectionFactory(http))
                : tlsConnector(server, http, config.server().tls().keystore(), tlsPassword);
        connector.setIdleTimeout(config.server().idleTimeoutSeconds() * 1000L);
        // The JDK's default backlog of 50 overflowed when 1,000 agents' streams connected within half a second (the
        // kernel then drops connection attempts and the clients retry a second later); nginx's default is 511.
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setHost(config.server().host());
        connector.setPort(config.server().port());
        server.addConnector(connector);
        // OTLP (SPEC §5): rows go through the lake's durable writers into the tables users created.
        OtlpReceiver otlp = new OtlpReceiver(governance.authenticator(), lake.service(), lake.writers(),
                config.server().maxRequestBytes(), config.otel().maxBodyBytes(), metrics);
        // Compression for the dashboard's pages and answers only: never on the agent surfaces (streams, exact bytes).
        GzipHandler gzip = new GzipHandler(new GatewayHandler(pipeline, api, dashboard, otlp, listeners, metrics::scrape, () -> ready,
                config.server().maxRequestBytes(), clock));
        gzip.addIncludedPaths("/ui/*");
        server.setHandler(new GracefulHandler(gzip));
        server.setStopTimeout(config.server().shutdownGraceSeconds() * 1000L);
        server.start();
        sessions.startPurging(Duration.ofHours(1));
        ready = true;
    }

    /** The key store's password comes from the environment, never from the file. */
    private static String tlsPassword(ServerConfig.Tls tls, Function<String, String> env) {
        String password = env.apply(tls.keystorePasswordEnv());
        if (password == null) {
            throw new IllegalArgumentException("server.tls: the key store's password is read from " + tls.keystorePasswordEnv()
                    + ", which is not set");
        }
        return password;
    }

    private static ServerConnector tlsConnector(Server server, HttpConfiguration http, String keystore, String password) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore);
        ssl.setKeyStorePassword(password);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // agents may reach the gateway by an address the certificate does not name
        http.addCustomizer(secure);
        return new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    }

    private static BucketStore bucketStore(GatewayConfig config, Function<String, String> env) {
        String redis = config.rateLimiting().redisUrl(env);
        return redis == null ? new LocalBucketStore(Duration.ofMinutes(1))
                : RedisBucketStore.open(redis, Duration.ofMillis(config.rateLimiting().redisTimeoutMs()));
    }

    public static Gateway start(Options options) throws Exception {
        return new Gateway(options);
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Base URL on loopback, e.g. {@code http://127.0.0.1:8080} ({@code https} with TLS). */
    public URI baseUrl() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port());
    }

    /** The admin token generated on this start, to be shown once; empty when none was generated. */
    public Optional<String> generatedAdminToken() {
        return bootstrap.generatedSecret();
    }

    public Governance governance() {
        return governance;
    }

    /** Spending limits and their counters (SPEC §3). */
    public Budgets budgets() {
        return budgets;
    }

    /** The catalog, Delta tables and SQL service (SPEC §6). */
    public Lake lake() {
        return lake;
    }

    public EndpointRegistry endpoints() {
        return endpoints;
    }

    /** The built-in scripted model, when a scripted provider is configured without a base URL. */
    public Optional<ScriptedUpstream> scripted() {
        return Optional.ofNullable(scripted);
    }

    /** Stops accepting work, lets open streams finish within the grace period, then releases everything. */
    @Override
    public void close() throws Exception {
        ready = false;
        try {
            server.stop();
        } finally {
            sessions.close();
            budgets.close();
            listeners.close();
            usage.close();
            payloads.close();
            buckets.close();
            lake.close();
            upstream.close();
            governance.close();
            database.close();
            if (scripted != null) {
                scripted.close();
            }
        }
    }
}
