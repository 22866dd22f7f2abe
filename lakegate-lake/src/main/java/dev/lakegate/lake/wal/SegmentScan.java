package dev.lakegate.lake.wal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames of one segment, read up to the end or the first frame that is incomplete or fails its
 * CRC (a torn write). Only records after {@code afterSeq} keep their payload.
 *
 * @param fingerprint the schema fingerprint in the header (0 if the header is torn)
 * @param firstSeq the first record's sequence, 0 if none
 * @param lastSeq the last intact record's sequence, 0 if none
 * @param validBytes where the intact part ends
 * @param tornReason why reading stopped before the end of the file, or null
 */
record SegmentScan(long fingerprint, List<WalRecord> records, long firstSeq, long lastSeq, long validBytes, String tornReason) {

  boolean empty() {
    return lastSeq == 0;
  }

  static SegmentScan read(Path file, long afterSeq) throws IOException {
    long size = Files.size(file);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (size < Segments.HEADER_BYTES) return torn(0, List.of(), 0, 0, 0, "incomplete segment header");
      int magic = in.readInt();
      int version = in.readInt();
      long fingerprint = in.readLong();
      if (magic != Segments.MAGIC) return torn(0, List.of(), 0, 0, 0, "no segment header");
      if (version != Segments.VERSION) {
        throw new WalException(file + " is log format " + version + "; this build reads format " + Segments.VERSION);
      }
      List<WalRecord> records = new ArrayList<>();
      long pos = Segments.HEADER_BYTES;
      long first = 0;
      long last = 0;
      while (pos < size) {
        long left = size - pos;
        if (left < Frames.HEADER) return torn(fingerprint, records, first, last, pos, "incomplete frame header");
        int length = in.readInt();
        int crc = in.readInt();
        if (length < Frames.BODY_PREFIX || length > left - Frames.HEADER) {
          return torn(fingerprint, records, first, last, pos, "frame length " + length + " does not fit");
        }
        byte[] frame = new byte[Frames.HEADER + length];
        ByteBuffer view = ByteBuffer.wrap(frame).putInt(0, length);
        in.readFully(frame, Frames.HEADER, length);
        if (Frames.crc(frame, 0, length) != crc) return torn(fingerprint, records, first, last, pos, "checksum mismatch");
        long seq = view.getLong(Frames.HEADER);
        int rows = view.getInt(Frames.HEADER + 8);
        if (last != 0 && seq != last + 1) {
          throw new WalException(file + " has record " + seq + " after " + last + " at byte " + pos
              + ": the log is damaged; move the file out of its directory to start without its rows");
        }
        if (seq > afterSeq) {
          records.add(new WalRecord(seq, rows, Arrays.copyOfRange(frame, Frames.HEADER + Frames.BODY_PREFIX, frame.length), 0));
        }
        if (first == 0) first = seq;
        last = seq;
        pos += frame.length;
      }
      return new SegmentScan(fingerprint, records, first, last, pos, null);
    } catch (EOFException e) {
      throw new WalException(file + " changed while it was read", e);
    }
  }

  private static SegmentScan torn(long fp, List<WalRecord> records, long first, long last, long valid, String why) {
    return new SegmentScan(fp, records, first, last, valid, why);
  }
}
