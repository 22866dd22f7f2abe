package dev.lakegate.lake.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The writer thread's end of the log: frames a group of appends into the active segment, rolls to
 * a new segment by size, and makes the whole group durable with one fsync. Confined to that thread.
 */
final class SegmentWriter {
  /** A record to write: its sequence and encoded rows. */
  record Entry(long seq, int rows, byte[] payload) {}

  /** Told about a segment that will take no more records. */
  interface SealListener {
    void sealed(long index, long lastSeq);
  }

  private final Path dir;
  private final long fingerprint;
  private final long segmentBytes;
  private final SealListener onSealed;
  private long nextIndex;
  private FileChannel channel;
  private long index;
  private long size;
  private long lastSeq; // 0 while the active segment has no record
  private ByteBuffer buf = ByteBuffer.allocate(1 << 16);
  private volatile long fsyncs; // written by the writer thread only


  SegmentWriter(Path dir, long fingerprint, long segmentBytes, long nextIndex, SealListener onSealed) {
    this.dir = dir;
    this.fingerprint = fingerprint;
    this.segmentBytes = segmentBytes;
    this.nextIndex = nextIndex;
    this.onSealed = onSealed;
  }

  /** Writes the entries in order; returns once all of them are on disk. */
  void write(List<Entry> entries) throws IOException {
    for (Entry e : entries) {
      int length = Frames.length(e.payload());
      // A segment holds at least one record, however large; otherwise it stays under the size.
      if (channel == null || lastSeq != 0 && size + length > segmentBytes) roll();
      if (buf.remaining() < length) {
        drain();
        if (buf.capacity() < length) buf = ByteBuffer.allocate(length);
      }
      Frames.put(buf, e.seq(), e.rows(), e.payload());
      size += length;
      lastSeq = e.seq();
    }
    drain();
    // fdatasync: the file length is part of what it makes durable, the mtime is not needed.
    channel.force(false);
    fsyncs++;
    if (buf.capacity() > 1 << 20) buf = ByteBuffer.allocate(1 << 16); // give back a one-off large buffer
  }

  long fsyncs() {
    return fsyncs;
  }

  /** Seals the active segment; deletes it if it never got a record. */
  void close() throws IOException {
    if (channel == null) return;
    drain();
    channel.force(false);
    channel.close();
    channel = null;
    if (lastSeq != 0) {
      onSealed.sealed(index, lastSeq);
    } else {
      Files.deleteIfExists(Segments.path(dir, index));
    }
  }

  private void roll() throws IOException {
    close(); // the old segment is forced before the new one exists, so only the last can be torn
    index = nextIndex++;
    channel = Segments.create(dir, index, fingerprint);
    size = Segments.HEADER_BYTES;
    lastSeq = 0;
  }

  private void drain() throws IOException {
    buf.flip();
    while (buf.hasRemaining()) channel.write(buf);
    buf.clear();
  }
}
