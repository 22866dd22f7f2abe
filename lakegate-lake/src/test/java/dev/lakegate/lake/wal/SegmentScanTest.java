package dev.lakegate.lake.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Framing: a torn or damaged tail is detected at every byte, never mis-read. */
class SegmentScanTest {
  @TempDir Path dir;

  /** Writes records 1..n (one row each) into segment 1 and returns their frame boundaries. */
  private List<Long> writeSegment(int n) throws IOException {
    List<SegmentWriter.Entry> entries = new ArrayList<>();
    List<Long> ends = new ArrayList<>();
    long end = Segments.HEADER_BYTES;
    for (int i = 1; i <= n; i++) {
      byte[] payload = RowEncoder.encode(WalRows.SCHEMA, WalRows.rows(i, i + 1));
      entries.add(new SegmentWriter.Entry(i, 1, payload));
      end += Frames.length(payload);
      ends.add(end);
    }
    SegmentWriter w = new SegmentWriter(dir, SchemaFingerprint.of(WalRows.SCHEMA), 1 << 20, 1, (index, last) -> {});
    w.write(entries);
    w.close();
    return ends;
  }

  @Test
  void readsBackWhatWasWritten() throws IOException {
    writeSegment(3);
    SegmentScan scan = SegmentScan.read(Segments.path(dir, 1), 1);

    assertThat(scan.tornReason()).isNull();
    assertThat(scan.fingerprint()).isEqualTo(SchemaFingerprint.of(WalRows.SCHEMA));
    assertThat(scan.firstSeq()).isEqualTo(1);
    assertThat(scan.lastSeq()).isEqualTo(3);
    assertThat(scan.records()).extracting(WalRecord::seq).containsExactly(2L, 3L); // after seq 1 only
    assertThat(RowDecoder.decode(WalRows.SCHEMA, scan.records().get(1).payload(), 1)).isEqualTo(WalRows.rows(3, 4));
  }

  @Test
  void everyTruncationOfTheLastRecordKeepsTheEarlierOnesAndDropsIt() throws IOException {
    List<Long> ends = writeSegment(3);
    Path file = Segments.path(dir, 1);
    byte[] whole = Files.readAllBytes(file);
    for (long cut = ends.get(1) + 1; cut < ends.get(2); cut++) {
      Files.write(file, java.util.Arrays.copyOf(whole, (int) cut));
      SegmentScan scan = SegmentScan.read(file, 0);

      assertThat(scan.records()).as("cut at %d", cut).extracting(WalRecord::seq).containsExactly(1L, 2L);
      assertThat(scan.validBytes()).isEqualTo(ends.get(1));
      assertThat(scan.tornReason()).isNotNull();
    }
  }

  @Test
  void aFlippedBitOrGarbageAfterTheLastRecordIsATornTail() throws IOException {
    List<Long> ends = writeSegment(3);
    Path file = Segments.path(dir, 1);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long at = ends.get(1) + 20; // inside record 3's payload
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }
    SegmentScan flipped = SegmentScan.read(file, 0);
    assertThat(flipped.records()).extracting(WalRecord::seq).containsExactly(1L, 2L);
    assertThat(flipped.tornReason()).isEqualTo("checksum mismatch");

    Files.delete(file);
    writeSegment(2);
    Files.write(file, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
    SegmentScan zeros = SegmentScan.read(file, 0);
    assertThat(zeros.records()).hasSize(2);
    assertThat(zeros.tornReason()).contains("frame length 0");
  }

  @Test
  void aSequenceGapWithValidChecksumsIsDamageNotATornWrite() throws IOException {
    SegmentWriter w = new SegmentWriter(dir, 1, 1 << 20, 1, (index, last) -> {});
    byte[] payload = RowEncoder.encode(WalRows.SCHEMA, WalRows.rows(0, 1));
    w.write(List.of(new SegmentWriter.Entry(5, 1, payload), new SegmentWriter.Entry(7, 1, payload)));
    w.close();

    assertThatThrownBy(() -> SegmentScan.read(Segments.path(dir, 1), 0))
        .isInstanceOf(WalException.class).hasMessageContaining("record 7 after 5");
  }
}
