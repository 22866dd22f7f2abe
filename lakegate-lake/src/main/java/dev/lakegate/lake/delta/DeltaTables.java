package dev.lakegate.lake.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Entry point to Delta tables on Delta Kernel's default engine. Locations are Hadoop paths: a
 * local path or {@code file:} URI by default, {@code s3a://…}, {@code abfss://…}, {@code gs://…}
 * when the connector is on the class path and configured in the {@link Configuration}.
 *
 * <p>Tables made here are plain: no partition columns, no column mapping, no deletion vectors,
 * so SQL can read them as a list of Parquet files ({@link TableSnapshot#files()}). Thread-safe;
 * share one instance.
 */
public final class DeltaTables {
  static final String ENGINE_INFO = "Lakegate";
  private static final String LOG_STORE_FILE = "io.delta.kernel.logStore.file.impl";

  private final Engine engine;
  private final DataFiles dataFiles;
  private final ActiveFiles activeFiles = new ActiveFiles();

  /** Local filesystem (and whatever else the default Hadoop configuration knows). */
  public DeltaTables() {
    this(new Configuration());
  }

  public DeltaTables(Configuration conf) {
    Configuration copy = new Configuration(conf);
    if (copy.get(LOG_STORE_FILE) == null) {
      // Hadoop's local rename cannot refuse an existing target; see LinkLogStore.
      copy.set(LOG_STORE_FILE, LinkLogStore.class.getName());
    }
    HadoopFileIO io = new HadoopFileIO(copy);
    this.engine = DefaultEngine.create(io);
    this.dataFiles = new DataFiles(io, copy);
  }

  /**
   * Creates a Delta table at {@code location} with exactly this schema and these table
   * properties. Idempotent: if a table with the same schema (and these property values) exists,
   * returns it; a different one there is refused.
   */
  public DeltaTable create(String location, StructType schema, Map<String, String> properties) {
    if (schema.length() == 0) throw new DeltaTableException("A table needs at least one column");
    refuseUnreadableFeatures(properties);
    DeltaTable table = handle(location);
    Optional<Snapshot> existing = table.find();
    if (existing.isEmpty()) {
      try {
        TransactionCommitResult result = TableManager.buildCreateTableTransaction(table.location(), schema, ENGINE_INFO)
            .withTableProperties(properties)
            .build(engine)
            .commit(engine, CloseableIterable.emptyIterable());
        PostCommit.run(engine, result);
        return table;
      } catch (RuntimeException e) {
        // Possibly a concurrent create of the same table: judge by what is there now.
        existing = table.find();
        if (existing.isEmpty()) throw new DeltaTableException("Cannot create table at " + location + ": " + e.getMessage(), e);
      }
    }
    requireSame(table.location(), existing.get(), schema, properties);
    return table;
  }

  /** The table at {@code location}; {@link DeltaTableException} if there is none. */
  public DeltaTable open(String location) {
    DeltaTable table = handle(location);
    if (table.find().isEmpty()) throw new DeltaTableException("No Delta table at " + location);
    return table;
  }

  /** Whether a Delta table (a {@code _delta_log} with a commit) exists at {@code location}. */
  public boolean exists(String location) {
    return handle(location).find().isPresent();
  }

  private DeltaTable handle(String location) {
    try {
      return new DeltaTable(engine, dataFiles, engine.getFileSystemClient().resolvePath(location), activeFiles);
    } catch (IOException e) {
      throw new UncheckedIOException("Resolving " + location, e);
    }
  }

  private static void requireSame(String location, Snapshot s, StructType schema, Map<String, String> properties) {
    if (!s.getSchema().equals(schema)) {
      throw new DeltaTableException("A table with a different schema exists at " + location
          + ": it has " + s.getSchema().toJson() + ", asked for " + schema.toJson());
    }
    Map<String, String> actual = s.getTableProperties();
    properties.forEach((k, v) -> {
      if (!v.equals(actual.get(k))) {
        throw new DeltaTableException("The table at " + location + " has " + k + " = "
            + actual.get(k) + ", asked for " + v);
      }
    });
  }

  private static void refuseUnreadableFeatures(Map<String, String> properties) {
    properties.forEach((k, v) -> {
      String key = k.toLowerCase(Locale.ROOT);
      String value = v.toLowerCase(Locale.ROOT);
      if (key.equals("delta.columnmapping.mode") && !value.equals("none")
          || key.equals("delta.enabledeletionvectors") && value.equals("true")) {
        throw new DeltaTableException("Table property " + k + " = " + v + " is not supported: SQL reads"
            + " Lakegate tables as plain Parquet files, which column mapping and deletion vectors break");
      }
    });
  }

  /** Partition columns and column mapping make a file list differ from the table. */
  static void requirePlainLayout(Snapshot s) {
    if (!s.getPartitionColumnNames().isEmpty()) {
      throw new DeltaTableException("Table " + s.getPath() + " is partitioned by "
          + s.getPartitionColumnNames() + "; Lakegate supports unpartitioned tables only");
    }
    String mode = s.getTableProperties().getOrDefault("delta.columnMapping.mode", "none");
    if (!mode.equalsIgnoreCase("none")) {
      throw new DeltaTableException("Table " + s.getPath() + " uses column mapping (" + mode
          + "); Lakegate supports tables without column mapping only");
    }
  }

  static Optional<Snapshot> find(Engine engine, String path) {
    try {
      return Optional.of(TableManager.loadSnapshot(path).build(engine));
    } catch (TableNotFoundException e) {
      return Optional.empty();
    }
  }
}
