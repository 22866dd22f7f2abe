package dev.lakegate.lake.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one adapter over Kernel internals. Kernel 4.2's public API returns scan files as opaque
 * rows; turning them into file paths ({@link InternalScanFileUtils}) and finding the physical read
 * schema ({@link ScanStateRow}) is only possible through {@code io.delta.kernel.internal}. If a
 * Kernel upgrade moves these, only this class changes.
 */
final class KernelScan {
  private KernelScan() {}

  /**
   * Absolute paths (Hadoop URIs) of the data files of a snapshot. Refuses files with deletion
   * vectors: a plain file list would resurrect their deleted rows.
   */
  static List<String> activeFiles(Engine engine, Snapshot snapshot) {
    Scan scan = snapshot.getScanBuilder().build();
    List<String> files = new ArrayList<>();
    forEachScanFile(engine, scan, scanFile -> {
      if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile) != null) {
        throw new DeltaTableException("Table " + snapshot.getPath() + " has deletion vectors (file "
            + InternalScanFileUtils.getAddFileStatus(scanFile).getPath()
            + "); Lakegate reads tables as plain Parquet file lists, so run a PURGE/REORG in Spark"
            + " or disable delta.enableDeletionVectors");
      }
      files.add(InternalScanFileUtils.getAddFileStatus(scanFile).getPath());
    });
    return files;
  }

  /** Every row of the snapshot through Kernel's read path (deletion vectors honoured). */
  static void read(Engine engine, Snapshot snapshot, Consumer<Row> sink) {
    Scan scan = snapshot.getScanBuilder().build();
    io.delta.kernel.data.Row scanState = scan.getScanState(engine);
    StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
    forEachScanFile(engine, scan, scanFile -> {
      FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
      try (CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
              .readParquetFiles(Iters.of(List.of(file)), physicalSchema, Optional.empty())
              .map(FileReadResult::getData);
          CloseableIterator<FilteredColumnarBatch> logical =
              Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
        while (logical.hasNext()) {
          FilteredColumnarBatch b = logical.next();
          KernelRows.forEach(b.getData(), b.getSelectionVector().orElse(null), sink);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Reading " + file.getPath(), e);
      }
    });
  }

  private static void forEachScanFile(Engine engine, Scan scan, Consumer<io.delta.kernel.data.Row> action) {
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (CloseableIterator<io.delta.kernel.data.Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) action.accept(rows.next());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Listing the files of " + scan, e);
    }
  }
}
