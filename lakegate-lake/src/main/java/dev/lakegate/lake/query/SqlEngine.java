package dev.lakegate.lake.query;

import dev.lakegate.lake.delta.TableSnapshot;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs SELECT queries over Delta tables with DuckDB. Each {@code catalog.schema.table} reference
 * becomes a view over its snapshot's Parquet files ({@code read_parquet([...])}, or a typed empty
 * relation for a table without files) named like the table, so the SQL DuckDB runs and the errors
 * it reports read like the user's SQL, without file paths. Catalog views become DuckDB views of
 * their own definitions ({@link QueryPlan}).
 *
 * <p>Every query runs in its own {@link Sandbox}: a fresh in-memory DuckDB that can read only the
 * files of the plan's tables, only through the plan's relations, and only a single SELECT.
 * Thread-safe; concurrent queries are bounded by {@link Options#maxConcurrent()} since each has its
 * own memory limit.
 */
public final class SqlEngine {
  /**
   * @param maxRows rows returned at most (the result says if there were more)
   * @param timeout a query running longer is cancelled
   * @param memoryLimit DuckDB {@code memory_limit} per query, e.g. {@code 1GB}
   * @param threads DuckDB threads per query
   * @param maxConcurrent queries running at once; more wait for a slot
   */
  public record Options(int maxRows, Duration timeout, String memoryLimit, int threads, int maxConcurrent) {
    public static Options defaults() {
      int cores = Runtime.getRuntime().availableProcessors();
      return new Options(10_000, Duration.ofMinutes(2), "1GB", cores, Math.max(2, cores));
    }
  }

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "lakegate-sql-timeout");
    t.setDaemon(true);
    return t;
  });

  private final Options options;
  private final Semaphore slots;

  public SqlEngine() {
    this(Options.defaults());
  }

  public SqlEngine(Options options) {
    this.options = options;
    this.slots = new Semaphore(options.maxConcurrent(), true);
  }

  /** Runs {@code sql}, finding its table references with {@link TableRefs#find}. */
  public QueryResult query(String sql, Function<String, TableSnapshot> resolver) {
    return query(sql, TableRefs.find(sql), resolver);
  }

  /**
   * Runs {@code sql} whose table references the caller located. {@code resolver} maps
   * {@code catalog.schema.table} (as written) to the snapshot to read; it is called once per
   * distinct name and may throw (not found, not allowed) to stop the query. A null answer is
   * reported as an unknown table.
   */
  public QueryResult query(String sql, List<TableRef> refs, Function<String, TableSnapshot> resolver) {
    return execute(plan(sql, refs, resolver));
  }

  /** Runs a planned query (see {@link QueryPlan#of}). */
  public QueryResult execute(QueryPlan plan) {
    return inSandbox(plan, c -> run(c, plan.query().sql()));
  }

  /**
   * The columns {@code plan}'s query returns, as Kernel types (what a view records), found by
   * binding it without running it. Types Spark has no counterpart for (INTERVAL…) become STRING, as
   * their values are rendered as text; two columns of one name are refused.
   */
  public StructType schema(QueryPlan plan) {
    return inSandbox(plan, c -> {
      try (PreparedStatement ps = c.prepareStatement(plan.query().sql())) {
        ResultSetMetaData md = ps.getMetaData();
        Set<String> seen = new HashSet<>();
        List<StructField> fields = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String name = md.getColumnLabel(i);
          if (!seen.add(name.toLowerCase(Locale.ROOT))) {
            throw new SqlException("The query returns two columns named '" + name + "'; name them apart with AS");
          }
          fields.add(new StructField(name, SparkTypes.kernel(md.getColumnTypeName(i)), true));
        }
        return new StructType(fields);
      }
    });
  }

  /** Each reference → the quoted relation name, aliased like Spark does (by the table name). */
  static QueryPlan plan(String sql, List<TableRef> refs, Function<String, TableSnapshot> resolver) {
    Map<String, Source> tables = new LinkedHashMap<>();
    SqlWriter out = new SqlWriter();
    int at = 0;
    for (TableRef ref : refs.stream().sorted(Comparator.comparingInt(TableRef::start)).toList()) {
      if (ref.start() < at || ref.end() > sql.length()) {
        throw new IllegalArgumentException("Table references overlap or lie outside the SQL: " + refs);
      }
      tables.computeIfAbsent(ref.name(), name -> {
        TableSnapshot s = resolver.apply(name);
        if (s == null) throw new SqlException("Table or view not found: " + name);
        return TableScan.all(s);
      });
      out.text(sql.substring(at, ref.start()))
          .relation(ref.name(), TableRefs.aliasFollows(sql, ref.end()) ? null : ref.parts().get(2));
      at = ref.end();
    }
    return new QueryPlan(out.text(sql.substring(at)).done(), tables);
  }

  private interface SandboxWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private <T> T inSandbox(QueryPlan plan, SandboxWork<T> work) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlException("Interrupted while waiting to run the query", e);
    }
    try (Connection c = Sandbox.open(plan, options)) {
      Sandbox.check(c, plan.query());
      return work.apply(c);
    } catch (SQLException e) {
      throw new SqlException(e.getMessage(), e);
    } finally {
      slots.release();
    }
  }

  private QueryResult run(Connection c, String sql) throws SQLException {
    long millis = options.timeout().toMillis();
    try (Statement st = c.createStatement()) {
      AtomicBoolean timedOut = new AtomicBoolean();
      ScheduledFuture<?> timer = TIMER.schedule(() -> {
        timedOut.set(true);
        try {
          st.cancel();
        } catch (SQLException ignored) {
          // The query finished meanwhile.
        }
      }, millis, TimeUnit.MILLISECONDS);
      try (ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        List<QueryResult.Column> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String duck = md.getColumnTypeName(i);
          String text = SparkTypes.text(duck);
          columns.add(new QueryResult.Column(md.getColumnLabel(i), duck, text, SparkTypes.name(text)));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
          if (rows.size() == options.maxRows()) {
            truncated = true;
            break;
          }
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) row.add(JsonValues.of(rs.getObject(i)));
          rows.add(row);
        }
        return new QueryResult(columns, rows, truncated);
      } catch (SQLException e) {
        if (timedOut.get()) throw new SqlException("Query cancelled: it ran longer than the " + millis + " ms timeout", e);
        throw e;
      } finally {
        timer.cancel(false);
      }
    }
  }
}
