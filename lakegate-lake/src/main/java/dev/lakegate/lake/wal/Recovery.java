package dev.lakegate.lake.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a log directory holds after a restart. Truncates a torn tail of the last segment (the only
 * place a crash can tear: earlier segments were fsynced before the next was created), refuses
 * damage anywhere else, deletes segments that are fully committed or empty.
 *
 * @param records the records after the checkpoint, in order
 * @param committed every sequence up to here is in the Delta table
 * @param nextSeq the sequence of the next append
 * @param sealed the kept segments by number, with their last sequence
 * @param nextSegment the number of the next segment file
 */
record Recovery(Optional<Checkpoint> checkpoint, List<WalRecord> records, long committed, long nextSeq,
    TreeMap<Long, Long> sealed, long nextSegment) {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  static Recovery run(Path dir, long fingerprint) throws IOException {
    Optional<Checkpoint> checkpoint = Checkpoint.read(dir);
    long committed = checkpoint.map(Checkpoint::committed).orElse(0L);
    TreeMap<Long, Path> files = Segments.list(dir);
    List<WalRecord> records = new ArrayList<>();
    TreeMap<Long, Long> sealed = new TreeMap<>();
    long last = 0;
    for (Map.Entry<Long, Path> e : files.entrySet()) {
      Path file = e.getValue();
      SegmentScan scan = SegmentScan.read(file, committed);
      if (scan.tornReason() != null) {
        if (!e.getKey().equals(files.lastKey())) {
          throw new WalException(file + " is damaged at byte " + scan.validBytes() + " (" + scan.tornReason()
              + ") but is not the last segment, so rows acknowledged as durable are lost. Move it out of "
              + dir + " to start without its rows from that byte on");
        }
        log.warn("Dropping the torn tail of {} from byte {} ({}): a write the crash interrupted, never acknowledged",
            file, scan.validBytes(), scan.tornReason());
        truncate(file, scan.validBytes());
      }
      if (scan.empty()) {
        Segments.delete(file);
        continue;
      }
      long expected = last != 0 ? last + 1 : checkpoint.isPresent() ? committed + 1 : scan.firstSeq();
      if (scan.firstSeq() > expected || (last != 0 && scan.firstSeq() != expected)) {
        throw new WalException("The log in " + dir + " lacks records " + expected + " to " + (scan.firstSeq() - 1)
            + " before " + file + ": a segment was removed. Delete the checkpoint and segments to start afresh");
      }
      if (scan.lastSeq() > committed && scan.fingerprint() != fingerprint) {
        throw new WalException(file + " holds uncommitted rows written for a different table schema;"
            + " commit or move them by hand, then restart");
      }
      if (scan.lastSeq() <= committed) {
        Segments.delete(file);
      } else {
        sealed.put(e.getKey(), scan.lastSeq());
      }
      records.addAll(scan.records());
      last = scan.lastSeq();
    }
    long inflight = checkpoint.map(Checkpoint::inflight).orElse(0L);
    long nextSeq = Math.max(last, Math.max(committed, inflight)) + 1;
    if (checkpoint.isEmpty() && last == 0) {
      // A fresh log starts at the current epoch microsecond, not 1: if a log directory is lost
      // while its table survives, new sequences stay above the txn versions the table recorded,
      // which would otherwise make Delta skip new batches as replays.
      nextSeq = Math.max(1, System.currentTimeMillis() * 1000);
    }
    if (checkpoint.isEmpty()) committed = records.isEmpty() ? nextSeq - 1 : records.getFirst().seq() - 1;
    long nextSegment = files.isEmpty() ? 1 : files.lastKey() + 1;
    return new Recovery(checkpoint, records, committed, nextSeq, sealed, nextSegment);
  }

  private static void truncate(Path file, long length) throws IOException {
    if (length < Segments.HEADER_BYTES) return; // a torn header: the caller deletes the empty segment
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(length);
      ch.force(true);
    }
  }
}
