package dev.lakegate.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.lake.delta.DeltaTables;
import dev.lakegate.lake.sql.OtelTableDdl;
import dev.lakegate.server.testing.GatewayProcess;
import dev.lakegate.server.testing.SecretScan;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety under mixed load (issue 10): real gateways ({@code lakegate serve}, each its own JVM on
 * the packaged server's class path) run round after round on one data directory while agents chat
 * through the proxy (unary and streamed, OpenAI Chat against the built-in scripted model), OTLP
 * exporters send metrics and logs, and SQL clients INSERT and SELECT; each is killed with SIGKILL at a
 * random moment 0.3–2 s after every worker was first served. Every row carries a unique id. After
 * each restart the gateway's own SQL (DuckDB) must show every acknowledged row exactly once; at the
 * end Spark (Delta Lake) and a standalone DuckDB over the snapshot's Parquet files must read every
 * table cleanly and find the same. OTLP exports and INSERTs are acknowledged rows (exactly once); a
 * proxy request leaves at most one usage and one payload row, and must have left them when its answer
 * ended more than {@link #DURABLE_AFTER} before the kill (its row is durable a few milliseconds after
 * the answer, docs/usage.md). {@code -Dcrashloop.rounds}, {@code -Dcrashloop.seed} repeat a run.
 */
class CrashLoopTest {
  private static final int ROUNDS = Integer.getInteger("crashloop.rounds", 20);
  private static final Duration DURABLE_AFTER = Duration.ofSeconds(1);
  private static final int POINTS_PER_EXPORT = 20;
  private static final int ROWS_PER_INSERT = 5;
  private static final Path SERVER = Path.of("..", "lakegate-server", "target").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKER = "crashloop-";

  /** What carries a row's id in each table, as SQL that DuckDB and Spark both read. */
  enum Kind {
    SQL("main.crash.t", "id"),
    METRICS("main.crash.crash_otel_metrics", "gauge.time_unix_nano"),
    LOGS("main.crash.crash_otel_logs", "time_unix_nano"),
    USAGE("system.ai_gateway.usage", idIn("user_agent")),
    PAYLOAD("main.crash.chat_payload", idIn("request"));

    final String table;
    final String id;

    Kind(String table, String id) {
      this.table = table;
      this.id = id;
    }

    /** Rows per id, from {@code relation} (the table, or its files). */
    String countsFrom(String relation) {
      return "SELECT id, count(*) AS n FROM (SELECT " + id + " AS id FROM " + relation + ") WHERE id IS NOT NULL GROUP BY id";
    }

    /** Proxy kinds: a request leaves at most one row, not exactly one. */
    boolean proxy() {
      return this == USAGE || this == PAYLOAD;
    }

    private static String idIn(String column) {
      return "CAST(NULLIF(regexp_extract(" + column + ", '" + MARKER + "([0-9]+)', 1), '') AS BIGINT)";
    }
  }

  private final String admin = "crash-admin-" + System.nanoTime();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong nextId = new AtomicLong(1);
  /** Ids sent per kind (a superset of what may be stored). */
  private final Map<Kind, Set<Long>> sent = new EnumMap<>(Kind.class);
  /** Ids acknowledged per kind: OTLP 200, INSERT SUCCEEDED; for the proxy, when the answer ended (nanoTime). */
  private final Map<Kind, Map<Long, Long>> acknowledged = new EnumMap<>(Kind.class);
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong reads = new AtomicLong();
  /** The load's workers that were served in this round. */
  private final Set<String> served = ConcurrentHashMap.newKeySet();
  private GatewayProcess gateway;

  @Test
  void everyAcknowledgedRowSurvivesEveryCrashExactlyOnce(@TempDir Path dir) throws Exception {
    long seed = Long.getLong("crashloop.seed", System.nanoTime());
    System.out.println("CrashLoopTest seed " + seed + ", " + ROUNDS + " rounds");
    Random random = new Random(seed);
    SecretScan.secret(admin); // test.sh then searches everything these gateways wrote for it (SECURITY.md)
    long t0 = System.nanoTime();
    for (Kind kind : Kind.values()) {
      sent.put(kind, ConcurrentHashMap.newKeySet());
      acknowledged.put(kind, new ConcurrentHashMap<>());
    }
    int port = GatewayProcess.freePort();
    Path config = dir.resolve("lakegate.yaml");
    Path data = dir.resolve("data");
    String server = "server: {host: 127.0.0.1, port: " + port + "}\nlake: {commit_interval_ms: 200}\n";

    // The inference table's catalog and schema must exist before a start that names them.
    Files.writeString(config, server);
    gateway = start(config, data, port);
    for (String ddl : List.of("CREATE CATALOG main", "CREATE SCHEMA main.crash", "CREATE TABLE main.crash.t (id BIGINT, round INT)",
        OtelTableDdl.forTable("metrics", "main", "crash", "crash"), OtelTableDdl.forTable("logs", "main", "crash", "crash"))) {
      assertThat(state(sql(gateway, ddl))).as(ddl).isEqualTo("SUCCEEDED");
    }
    assertThat(gateway.stop(Duration.ofSeconds(60))).isTrue();
    Files.writeString(config, server + """
        providers: [{name: scripted, type: scripted}]
        endpoints:
          - name: chat
            destinations: [{provider: scripted, model: m}]
            inference_table_config: {catalog_name: main, schema_name: crash, table_name_prefix: chat}
        """);

    Set<Long> mustStay = new HashSet<>(); // proxy ids whose rows must be there: ended well before a kill
    for (int round = 1; round <= ROUNDS; round++) {
      long restartAt = System.nanoTime();
      gateway = start(config, data, port);
      long readyAt = System.nanoTime();
      if (round > 1) {
        verifyThroughGateway(gateway, mustStay, "after restart " + (round - 1));
      }
      long startedAt = System.nanoTime();
      int r = round;
      GatewayProcess g = gateway;
      List<Thread> load = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        boolean stream = i == 1;
        load.add(Thread.ofPlatform().start(() -> chat(g, stream)));
      }
      load.add(Thread.ofPlatform().start(() -> export(g, Kind.METRICS)));
      load.add(Thread.ofPlatform().start(() -> export(g, Kind.LOGS)));
      load.add(Thread.ofPlatform().start(() -> insert(g, r)));
      load.add(Thread.ofPlatform().start(() -> select(g)));
      // Killed at a random moment once every kind of load got through: a cold gateway on a busy machine
      // can take a while to answer its first requests, and a round without acknowledgements proves little.
      awaitServed(load.size());
      int loadMs = 300 + random.nextInt(1700);
      Thread.sleep(loadMs);
      long killedAt = System.nanoTime();
      gateway.kill(); // SIGKILL
      for (Thread t : load) {
        t.join();
      }
      served.clear();
      // Answers of this round (both proxy kinds hold the same ids) that ended long enough before its kill.
      acknowledged.get(Kind.USAGE).forEach((id, endedAt) -> {
        if (endedAt > startedAt && killedAt - endedAt > DURABLE_AFTER.toNanos()) mustStay.add(id);
      });
      assertThat(failures).as("round " + round).isEmpty();
      System.out.printf("CrashLoopTest round %d: ready in %d ms, checked in %d ms, killed after %d ms of load; acknowledged so far %s,"
          + " %d proxy rows due, %d reads%n", round, (readyAt - restartAt) / 1_000_000, (startedAt - readyAt) / 1_000_000, loadMs,
          counts(), mustStay.size(), reads.get());
    }

    gateway = start(config, data, port); // replays what the last crash left
    verifyThroughGateway(gateway, mustStay, "after the last restart");
    Map<Kind, String> locations = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      locations.put(kind, JSON.readTree(get(gateway, "/api/2.1/unity-catalog/tables/" + kind.table)).path("storage_location").asText());
    }
    assertThat(gateway.stop(Duration.ofSeconds(60))).as("a graceful stop").isTrue();
    long loopMs = (System.nanoTime() - t0) / 1_000_000;

    long t1 = System.nanoTime();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      for (Kind kind : Kind.values()) {
        List<String> files = new DeltaTables().open(locations.get(kind)).snapshot().files();
        assertThat(files).as(kind + " data files").isNotEmpty();
        String relation = files.stream().map(f -> "'" + f.replace("'", "''") + "'").collect(Collectors.joining(", ", "read_parquet([", "])"));
        Map<Long, Long> counts = new HashMap<>();
        try (Statement s = duckdb.createStatement(); ResultSet rs = s.executeQuery(kind.countsFrom(relation))) {
          while (rs.next()) counts.put(rs.getLong(1), rs.getLong(2));
        }
        check(kind, counts, mustStay, "standalone DuckDB over " + files.size() + " Parquet files");
      }
    }
    long duckdbMs = Spark.millisSince(t1);
    long t2 = System.nanoTime();
    for (Kind kind : Kind.values()) {
      Spark.session().read().format("delta").load(locations.get(kind)).createOrReplaceTempView("crash_" + kind.name().toLowerCase());
      Map<Long, Long> counts = new HashMap<>();
      for (org.apache.spark.sql.Row row : Spark.session().sql(kind.countsFrom("crash_" + kind.name().toLowerCase())).collectAsList()) {
        counts.put(row.getLong(0), row.getLong(1));
      }
      check(kind, counts, mustStay, "Spark (Delta Lake)");
    }
    System.out.printf("CrashLoopTest: %d rounds in %d ms; acknowledged %s; %d proxy rows due; %d reads; DuckDB %d ms, Spark %d ms%n",
        ROUNDS, loopMs, counts(), mustStay.size(), reads.get(), duckdbMs, Spark.millisSince(t2));
    for (Kind kind : Kind.values()) {
      assertThat(acknowledged.get(kind)).as(kind + " acknowledged").hasSizeGreaterThan(ROUNDS);
    }
  }

  private void awaitServed(int workers) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (served.size() < workers && failures.isEmpty()) {
      assertThat(System.nanoTime()).as("every worker served within 60 s, only " + served + " were").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @AfterEach
  void noGatewayLeftBehind() throws InterruptedException {
    if (gateway != null) gateway.kill();
  }

  /** Through the gateway's SQL (DuckDB), until every id due is there; a doubled or unknown id fails at once. */
  private void verifyThroughGateway(GatewayProcess gateway, Set<Long> mustStay, String when) throws Exception {
    for (Kind kind : Kind.values()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (true) {
        Map<Long, Long> counts = new HashMap<>();
        long after = Long.MIN_VALUE;
        JsonNode page;
        do {
          page = sql(gateway, kind.countsFrom(kind.table) + " HAVING id > " + after + " ORDER BY id LIMIT 10000");
          assertThat(state(page)).as(kind + " " + when + ": " + page).isEqualTo("SUCCEEDED");
          for (JsonNode row : page.path("result").path("data_array")) {
            after = row.get(0).asLong();
            counts.put(after, row.get(1).asLong());
          }
        } while (page.path("result").path("data_array").size() == 10000);
        List<Long> missing = missing(kind, counts, mustStay);
        if (missing.isEmpty() || System.nanoTime() > deadline) {
          check(kind, counts, mustStay, "the gateway's SQL " + when);
          break;
        }
        assertThat(doubledOrUnknown(kind, counts)).as(kind + " " + when).isEmpty();
        Thread.sleep(200);
      }
    }
  }

  private void check(Kind kind, Map<Long, Long> counts, Set<Long> mustStay, String reader) {
    assertThat(doubledOrUnknown(kind, counts)).as(kind + " rows stored twice or never sent, read by " + reader).isEmpty();
    assertThat(missing(kind, counts, mustStay)).as(kind + " acknowledged rows missing, read by " + reader).isEmpty();
  }

  private List<String> doubledOrUnknown(Kind kind, Map<Long, Long> counts) {
    return counts.entrySet().stream().filter(e -> e.getValue() > 1 || !sent.get(kind).contains(e.getKey()))
        .map(e -> e.getKey() + "×" + e.getValue()).sorted().limit(20).toList();
  }

  private List<Long> missing(Kind kind, Map<Long, Long> counts, Set<Long> mustStay) {
    Set<Long> due = kind.proxy() ? mustStay : acknowledged.get(kind).keySet();
    return due.stream().filter(id -> !counts.containsKey(id)).sorted().limit(20).toList();
  }

  private Map<Kind, Integer> counts() {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    acknowledged.forEach((kind, ids) -> counts.put(kind, ids.size()));
    return counts;
  }

  /** An agent: chats until the gateway is gone; each request's id rides in its User-Agent and prompt. */
  private void chat(GatewayProcess gateway, boolean stream) {
    while (true) {
      long id = nextId.getAndIncrement();
      sent.get(Kind.USAGE).add(id);
      sent.get(Kind.PAYLOAD).add(id);
      String body = JSON.createObjectNode().put("model", "chat").put("stream", stream)
          .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content", "say " + MARKER + id)))
          .toString();
      if (stream) body = body.substring(0, body.length() - 1) + ",\"stream_options\":{\"include_usage\":true}}";
      HttpRequest request = HttpRequest.newBuilder(gateway.url("/openai/v1/chat/completions")).timeout(Duration.ofSeconds(20))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json").header("User-Agent", MARKER + id)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      try {
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String answer;
        try (InputStream in = r.body()) {
          answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (r.statusCode() != 200 || (stream ? !answer.contains("data: [DONE]") : !answer.contains("\"choices\""))) {
          failures.add("chat " + id + ": " + r.statusCode() + " " + answer);
          return;
        }
        long endedAt = System.nanoTime();
        acknowledged.get(Kind.USAGE).put(id, endedAt);
        acknowledged.get(Kind.PAYLOAD).put(id, endedAt);
        served.add(stream ? "stream" : "unary");
      } catch (IOException e) {
        return; // killed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** An OTLP/JSON exporter of gauge points or log records, ids in their timestamps. */
  private void export(GatewayProcess gateway, Kind kind) {
    boolean metrics = kind == Kind.METRICS;
    while (true) {
      long first = nextId.getAndAdd(POINTS_PER_EXPORT);
      StringBuilder items = new StringBuilder();
      for (long id = first; id < first + POINTS_PER_EXPORT; id++) {
        sent.get(kind).add(id);
        items.append(items.isEmpty() ? "" : ",").append(metrics ? "{\"timeUnixNano\":\"" + id + "\",\"asInt\":\"" + id + "\"}"
            : "{\"timeUnixNano\":\"" + id + "\",\"body\":{\"stringValue\":\"log " + id + "\"}}");
      }
      String body = metrics
          ? "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"crash\",\"gauge\":{\"dataPoints\":[" + items + "]}}]}]}]}"
          : "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[" + items + "]}]}]}";
      HttpRequest request = HttpRequest.newBuilder(gateway.url("/api/2.0/otel/v1/" + (metrics ? "metrics" : "logs")))
          .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
          .header("X-Databricks-UC-Table-Name", kind.table).POST(HttpRequest.BodyPublishers.ofString(body)).build();
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          for (long id = first; id < first + POINTS_PER_EXPORT; id++) acknowledged.get(kind).put(id, System.nanoTime());
          served.add(kind.name());
        } else if (r.statusCode() != 503) {
          failures.add(kind + " export: " + r.statusCode() + " " + r.body());
          return;
        }
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A SQL writer: each INSERT acknowledged when it SUCCEEDED. */
  private void insert(GatewayProcess gateway, int round) {
    while (true) {
      long first = nextId.getAndAdd(ROWS_PER_INSERT);
      StringBuilder values = new StringBuilder();
      for (long id = first; id < first + ROWS_PER_INSERT; id++) {
        sent.get(Kind.SQL).add(id);
        values.append(values.isEmpty() ? "" : ", ").append('(').append(id).append(", ").append(round).append(')');
      }
      try {
        JsonNode answer = sql(gateway, "INSERT INTO main.crash.t VALUES " + values);
        if (state(answer).equals("SUCCEEDED")) {
          for (long id = first; id < first + ROWS_PER_INSERT; id++) acknowledged.get(Kind.SQL).put(id, System.nanoTime());
          served.add("insert");
        } else if (!answer.path("status").path("error").path("error_code").asText().equals("TEMPORARILY_UNAVAILABLE")) {
          failures.add("INSERT: " + answer);
          return;
        }
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A SQL reader: SELECTs over the tables being written must succeed. */
  private void select(GatewayProcess gateway) {
    List<String> queries = List.of("SELECT count(*), max(id) FROM main.crash.t",
        "SELECT endpoint_name, count(*), sum(total_tokens) FROM system.ai_gateway.usage GROUP BY endpoint_name",
        "SELECT count(*) FROM main.crash.crash_otel_metrics m JOIN main.crash.t t ON m.gauge.time_unix_nano = t.id",
        "SELECT status_code, count(*) FROM main.crash.chat_payload GROUP BY status_code");
    for (int i = 0; ; i++) {
      try {
        JsonNode answer = sql(gateway, queries.get(i % queries.size()));
        if (!state(answer).equals("SUCCEEDED")) {
          failures.add("SELECT: " + answer);
          return;
        }
        reads.incrementAndGet();
        served.add("select");
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private GatewayProcess start(Path config, Path data, int port) throws Exception {
    Path lib = SERVER.resolve("lib");
    assertThat(lib).as("the server's runtime libraries: package lakegate-server first (mvn -pl compat -am package -DskipTests)")
        .isDirectory();
    String classPath = SERVER.resolve("classes") + File.pathSeparator + lib + File.separator + "*";
    // C1 only and the serial collector: a gateway here lives a few seconds, mostly starting, on 2 shared cores,
    // where C2's compiles and GC threads cost CPU that starting and serving need (see this module's argLine).
    return GatewayProcess.start(config, data, port, Map.of("LAKEGATE_ADMIN_TOKEN", admin), classPath,
        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
  }

  private JsonNode sql(GatewayProcess gateway, String statement) throws IOException, InterruptedException {
    String body = JSON.createObjectNode().put("statement", statement).put("wait_timeout", "50s").toString();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(gateway.url("/api/2.0/sql/statements")).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      return JSON.createObjectNode().put("http_status", r.statusCode()).put("body", r.body());
    }
    return JSON.readTree(r.body());
  }

  private static String state(JsonNode answer) {
    return answer.path("status").path("state").asText();
  }

  private String get(GatewayProcess gateway, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(gateway.url(path)).header("Authorization", "Bearer " + admin).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
