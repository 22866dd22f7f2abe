package dev.lakegate.lake.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkLogStoreTest {
  final Configuration conf = new Configuration();
  final LinkLogStore store = new LinkLogStore(conf);
  @TempDir Path dir;

  @Test
  void aTakenVersionIsRefusedAndKeepsTheWinnersContent() throws Exception {
    org.apache.hadoop.fs.Path commit = new org.apache.hadoop.fs.Path(dir.resolve("00000000000000000001.json").toUri());
    store.write(commit, List.of("{\"winner\":1}").iterator(), false, conf);

    assertThatThrownBy(() -> store.write(commit, List.of("{\"loser\":1}").iterator(), false, conf))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(dir.resolve("00000000000000000001.json"))).isEqualTo("{\"winner\":1}\n");

    store.write(commit, List.of("{\"replaced\":1}").iterator(), true, conf);
    assertThat(Files.readString(dir.resolve("00000000000000000001.json"))).isEqualTo("{\"replaced\":1}\n");
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temp or .crc files left").hasSize(1);
    }
  }

  @Test
  void tellsKernelThatPlainWritesArePartiallyVisible() {
    // Otherwise Kernel writes checkpoints in place and concurrent readers see half a file.
    assertThat(store.isPartialWriteVisible(new org.apache.hadoop.fs.Path(dir.toUri()), conf)).isTrue();
  }
}
