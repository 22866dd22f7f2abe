package dev.lakegate.lake.delta;

import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link RowBuffer}s into one Parquet file with parquet-mr's file and column writers, the
 * way its {@code InternalParquetRecordWriter} does (row groups up to the configured block size),
 * minus the record-at-a-time layer: levels come from {@link LevelWriter}. Honours the same
 * {@code parquet.*} Hadoop settings Kernel's writer reads (compression, block, page and dictionary
 * page size, dictionary, writer version). One thread at a time.
 */
final class ParquetPartWriter implements AutoCloseable {
  private final String path;
  private final ParquetFileWriter file;
  private final MessageType schema;
  private final ParquetProperties props;
  private final CodecFactory codecs;
  private final BytesInputCompressor compressor;
  private final long rowGroupBytes;
  private final LevelWriter[] columns;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private int groups;
  private long groupRows;

  ParquetPartWriter(String path, OutputFile out, StructType tableSchema, Configuration conf) throws IOException {
    this.path = path;
    schema = ParquetSchemas.of(tableSchema);
    columns = LevelWriter.forSchema(tableSchema, schema);
    props = ParquetProperties.builder()
        .withPageSize(ParquetOutputFormat.getPageSize(conf))
        .withDictionaryPageSize(ParquetOutputFormat.getDictionaryPageSize(conf))
        .withDictionaryEncoding(ParquetOutputFormat.getEnableDictionary(conf))
        .withWriterVersion(ParquetOutputFormat.getWriterVersion(conf))
        .build();
    rowGroupBytes = ParquetOutputFormat.getLongBlockSize(conf);
    codecs = new CodecFactory(conf, props.getPageSizeThreshold());
    compressor = codecs.getCompressor(ParquetOutputFormat.getCompression(conf));
    file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.CREATE, rowGroupBytes,
        org.apache.parquet.hadoop.ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, props);
    try {
      file.start();
      startRowGroup();
    } catch (IOException | RuntimeException e) {
      file.close();
      codecs.release();
      throw e;
    }
  }

  /** Appends every row of {@code buffer}. */
  void write(RowBuffer buffer) throws IOException {
    buffer.requireComplete();
    ColumnBuffer[] data = buffer.columns();
    for (int c = 0; c < columns.length; c++) columns[c].bind(data[c]);
    int n = buffer.size();
    for (int row = 0; row < n; row++) {
      for (LevelWriter c : columns) c.write(0);
      store.endRecord();
    }
    groupRows += n;
    if (store.getBufferedSize() >= rowGroupBytes) {
      flushRowGroup();
      startRowGroup();
    }
  }

  String path() {
    return path;
  }

  /** Writes the last row group and the footer; returns the footer. */
  ParquetMetadata finish() throws IOException {
    flushRowGroup();
    file.end(Map.of("writer.model.name", "lakegate"));
    return file.getFooter();
  }

  /** Releases everything; an unfinished file is left incomplete (nothing references it). */
  @Override
  public void close() throws IOException {
    try {
      if (store != null) store.close();
      if (pages != null) pages.close();
      codecs.release();
    } finally {
      file.close(); // no-op after end()
    }
  }

  private void startRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, schema, props.getAllocator(), props.getColumnIndexTruncateLength(),
        props.getPageWriteChecksumEnabled(), null, groups);
    store = props.newColumnWriteStore(schema, pages, pages);
    for (LevelWriter c : columns) c.attach(store);
  }

  private void flushRowGroup() throws IOException {
    if (groupRows > 0) {
      file.startBlock(groupRows);
      store.flush();
      pages.flushToFileWriter(file);
      file.endBlock();
      groups++;
      groupRows = 0;
    }
    store.close();
    pages.close();
    store = null;
    pages = null;
  }
}
