package dev.lakegate.lake.delta;

import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * Writes the Parquet data files of one append. Encoding is the CPU cost of an append, so a large
 * append is split over several files written by as many threads (up to the cores, at most
 * {@link #MAX_FILES}); they are committed together, so the split is invisible to readers. Each
 * thread takes the next {@link RowSource} in order, converts it into a {@link RowBuffer} and hands
 * every {@link #BUFFER_ROWS} rows to its file. Statistics for the Delta log come from the footer
 * ({@link FooterStats}).
 */
final class DataFiles {
  /** Rows converted before they go to the Parquet writer: bounds the memory of an append. */
  static final int BUFFER_ROWS = 16_384;
  /** A file of fewer rows is not worth a thread (and makes small files). */
  static final int MIN_ROWS_PER_FILE = 4_096;
  static final int MAX_FILES = 4;

  private final FileIO io;
  private final Configuration conf;
  private final int maxFiles = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, MAX_FILES);

  DataFiles(FileIO io, Configuration conf) {
    this.io = io;
    this.conf = conf;
  }

  /** Writes the sources' rows under {@code dir}; the statuses of the files written (none for no rows). */
  List<DataFileStatus> write(String dir, StructType schema, List<? extends RowSource> sources, List<Column> statsColumns) {
    long total = 0;
    for (RowSource s : sources) total += s.rows();
    if (total == 0) return List.of();
    int files = (int) Math.clamp(total / MIN_ROWS_PER_FILE, 1, maxFiles);
    Task task = new Task(dir, schema, sources, statsColumns, (int) Math.min(BUFFER_ROWS, total / files + 1));
    List<DataFileStatus> out = new ArrayList<>();
    Throwable failure = null;
    if (files == 1) {
      try {
        task.call().ifPresent(out::add);
      } catch (RuntimeException | IOException e) {
        failure = e;
      }
    } else {
      List<Future<Optional<DataFileStatus>>> futures = new ArrayList<>();
      try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
          Thread.ofPlatform().daemon().name("lakegate-parquet-", 1).factory())) {
        for (int i = 0; i < files; i++) futures.add(threads.submit(task::call));
      }
      for (Future<Optional<DataFileStatus>> f : futures) {
        try {
          f.get().ifPresent(out::add);
        } catch (ExecutionException e) {
          if (failure == null) failure = e.getCause();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // unreachable: close() above waited for every task
        }
      }
    }
    if (failure == null) return out;
    task.deleteCreated();
    switch (failure) {
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      case IOException e -> throw new UncheckedIOException("Writing Parquet files under " + dir, e);
      default -> throw new IllegalStateException(failure);
    }
  }

  /** What every writing thread runs: takes sources until none is left (or another thread failed). */
  private final class Task {
    private final String dir;
    private final StructType schema;
    private final List<? extends RowSource> sources;
    private final List<Column> statsColumns;
    private final int reserve;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();

    Task(String dir, StructType schema, List<? extends RowSource> sources, List<Column> statsColumns, int reserve) {
      this.dir = dir;
      this.schema = schema;
      this.sources = sources;
      this.statsColumns = statsColumns;
      this.reserve = reserve;
    }

    Optional<DataFileStatus> call() throws IOException {
      ParquetPartWriter writer = null;
      try {
        RowBuffer buffer = null;
        for (int i; !failed.get() && (i = next.getAndIncrement()) < sources.size(); ) {
          if (buffer == null) buffer = new RowBuffer(schema, reserve);
          RowSource source = sources.get(i);
          int before = buffer.size();
          source.appendTo(buffer);
          if (buffer.size() - before != source.rows()) {
            throw new IllegalStateException(source + " appended " + (buffer.size() - before) + " rows, not " + source.rows());
          }
          if (buffer.size() >= BUFFER_ROWS) {
            writer = write(writer, buffer);
            buffer = null; // a new buffer next: Parquet's dictionaries keep slices of this one
          }
        }
        if (buffer != null && buffer.size() > 0) writer = write(writer, buffer);
        if (writer == null) return Optional.empty();
        ParquetMetadata footer = writer.finish();
        return Optional.of(status(writer.path(), footer));
      } catch (RuntimeException | IOException e) {
        failed.set(true);
        throw e;
      } finally {
        if (writer != null) writer.close();
      }
    }

    /** Writes the buffer to this thread's file, creating the file first if this is its first buffer. */
    private ParquetPartWriter write(ParquetPartWriter writer, RowBuffer buffer) throws IOException {
      if (writer == null) {
        String path = new Path(dir, UUID.randomUUID() + ".parquet").toString();
        created.add(path);
        writer = new ParquetPartWriter(path, HadoopOutputFile.fromPath(new Path(path), conf), schema, conf);
      }
      writer.write(buffer);
      return writer;
    }

    private DataFileStatus status(String path, ParquetMetadata footer) throws IOException {
      FileStatus file = io.getFileStatus(path);
      DataFileStatistics stats = FooterStats.of(footer, schema, statsColumns);
      return new DataFileStatus(io.resolvePath(path), file.getSize(), file.getModificationTime(), Optional.of(stats));
    }

    /** Best effort: the files of a failed append are referenced by nothing. */
    void deleteCreated() {
      for (String path : created) {
        try {
          io.delete(path);
        } catch (IOException | RuntimeException e) {
          // an orphan file: harmless, readers only see files the log references
        }
      }
    }
  }
}
