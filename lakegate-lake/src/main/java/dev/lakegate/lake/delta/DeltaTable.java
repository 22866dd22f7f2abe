package dev.lakegate.lake.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.SnapshotImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Delta table at one location. Holds no state besides the location: every call reads the latest
 * version of the log, so instances are cheap, thread-safe, and see other writers' commits
 * (threads or processes).
 */
public final class DeltaTable {
  private final Engine engine;
  private final DataFiles dataFiles;
  private final String location;
  private final ActiveFiles activeFiles;

  DeltaTable(Engine engine, DataFiles dataFiles, String location, ActiveFiles activeFiles) {
    this.engine = engine;
    this.dataFiles = dataFiles;
    this.location = location;
    this.activeFiles = activeFiles;
  }

  /** The table root as a qualified Hadoop URI. */
  public String location() {
    return location;
  }

  /**
   * Appends rows (see {@link Row} for the Java types) in one commit, idempotently: if the table
   * already records {@code appId} at a version ≥ {@code txnVersion}, nothing is written and
   * {@link AppendResult.Skipped} is returned. A writer replaying a batch after a crash passes the
   * same pair and so never duplicates it. Concurrent appenders (threads or processes) all commit.
   *
   * @throws IllegalArgumentException if a row does not fit the schema (nothing is committed)
   */
  public AppendResult append(List<Row> rows, String appId, long txnVersion) {
    Objects.requireNonNull(appId, "appId");
    return DeltaAppend.run(engine, dataFiles, this, RowSlice.of(rows), appId, txnVersion);
  }

  /**
   * Appends like {@link #append(List, String, long)}, but only while {@code appId}'s latest transaction
   * version is {@code previous} (empty: it never committed): a compare-and-set, so two writers that read
   * the same {@code previous} and append up to different versions cannot both commit (the second sees
   * the first's id when it builds or when it commits). Otherwise {@link AppendResult.Skipped}.
   */
  public AppendResult appendAfter(List<Row> rows, String appId, Optional<Long> previous, long txnVersion) {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(previous, "previous");
    return DeltaAppend.run(engine, dataFiles, this, RowSlice.of(rows), appId, previous, txnVersion);
  }

  /** Appends without a transaction id: a retry after an unknown outcome may duplicate rows. */
  public AppendResult append(List<Row> rows) {
    return DeltaAppend.run(engine, dataFiles, this, RowSlice.of(rows), null, 0);
  }

  /**
   * Appends rows that the sources write straight into column form, in one commit, idempotently
   * like {@link #append(List, String, long)}: the fast path of bulk writers (the write-ahead log),
   * with no {@link Row} objects. Large appends are written as several files in parallel.
   *
   * @throws IllegalArgumentException if a source appends a value that does not fit (nothing is committed)
   */
  public AppendResult appendFrom(List<? extends RowSource> sources, String appId, long txnVersion) {
    Objects.requireNonNull(appId, "appId");
    return DeltaAppend.run(engine, dataFiles, this, sources, appId, txnVersion);
  }

  /** The latest version, with its active data files for SQL. */
  public TableSnapshot snapshot() {
    Snapshot s = latest();
    DeltaTables.requirePlainLayout(s);
    return new TableSnapshot(location, s.getVersion(), s.getSchema(), s.getTableProperties(), activeFiles.of(engine, location, s));
  }

  /**
   * The data files version {@code version} held (absolute, like {@link TableSnapshot#files()}). For an
   * append-only table, the files of a later version not in this list are exactly the rows added since.
   *
   * @throws DeltaTableException no such version (any more)
   */
  public List<String> filesAt(long version) {
    Snapshot s;
    try {
      s = TableManager.loadSnapshot(location).atVersion(version).build(engine);
    } catch (RuntimeException e) {
      throw new DeltaTableException("Cannot read version " + version + " of " + location + ": " + e.getMessage(), e);
    }
    DeltaTables.requirePlainLayout(s);
    return KernelScan.activeFiles(engine, s).stream().map(DeltaTable::fileUri).toList();
  }

  /**
   * The {@code txnVersion} of the latest commit that appended with {@code appId} (see {@link
   * #append(List, String, long)}): how far a writer using that id got; empty if it never committed.
   */
  public Optional<Long> transactionVersion(String appId) {
    return transactionVersion(engine, latest(), appId);
  }

  static Optional<Long> transactionVersion(Engine engine, Snapshot snapshot, String appId) {
    // Kernel 4.2 reads the txn actions only through its implementation class.
    return ((SnapshotImpl) snapshot).getLatestTransactionVersion(engine, appId);
  }

  /** All rows of the latest version through Kernel's read path; for tests and small tables. */
  public List<Row> read() {
    List<Row> rows = new ArrayList<>();
    KernelScan.read(engine, latest(), rows::add);
    return rows;
  }

  Snapshot latest() {
    return find().orElseThrow(() -> new DeltaTableException("No Delta table at " + location));
  }

  Optional<Snapshot> find() {
    return DeltaTables.find(engine, location);
  }

  /** Kernel hands out {@code file:/x} for local files; DuckDB wants a plain path. */
  static String fileUri(String path) {
    return path.startsWith("file:") ? new org.apache.hadoop.fs.Path(path).toUri().getPath() : path;
  }

  @Override
  public String toString() {
    return "DeltaTable[" + location + "]";
  }
}
