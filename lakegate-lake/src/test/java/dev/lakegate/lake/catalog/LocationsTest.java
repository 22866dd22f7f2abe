package dev.lakegate.lake.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocationsTest {
  @ParameterizedTest
  @ValueSource(strings = {"/data/lake/t", "file:/data/t", "file:///data/t", "s3a://bucket/lake/t",
      "abfss://c@acct.dfs.core.windows.net/t", "gs://bucket/t", "/data/..hidden/t", "/data/a..b"})
  void accepted(String location) {
    assertThat(Locations.problem(location)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "../../etc | must be an absolute path",
      "data/t | must be an absolute path",
      "/data/../etc | contains a '..' segment",
      "/data/./t | contains a '.' segment",
      "s3a://bucket/a/%2E%2E/b | contains a '..' segment",
      "s3://bucket/t | use s3a://",
      "http://example.com/t | scheme 'http' is not supported",
      "s3a:///t | needs a bucket",
      "file:data/t | must be absolute",
      "C:\\data\\t | not '\\'",
      "' ' | must not be empty"})
  void refused(String location, String problem) {
    assertThat(Locations.problem(location)).get().asString().contains(problem);
  }

  @ParameterizedTest
  @CsvSource({"/data, /data/t, true", "file:///data/, /data/t/x, true", "/data/t, /data/t2, false",
      "s3a://b/x, s3a://b/x/y, true", "s3a://b/x, s3a://c/x, false", "/, /anything, true",
      "/data//t/, /data/t, true"})
  void overlaps(String a, String b, boolean expected) {
    assertThat(Locations.overlaps(a, b)).isEqualTo(expected);
    assertThat(Locations.overlaps(b, a)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"/data/t, /data, true", "/data, /data/, true", "file:///data/t, /data, true", "/data2/t, /data, false",
      "/data, /data/t, false", "s3a://b/x/t, s3a://b/x, true", "s3a://b/xy, s3a://b/x, false", "s3a://c/x/t, s3a://b/x, false"})
  void inside(String location, String root, boolean expected) {
    assertThat(Locations.inside(location, root)).isEqualTo(expected);
  }
}
