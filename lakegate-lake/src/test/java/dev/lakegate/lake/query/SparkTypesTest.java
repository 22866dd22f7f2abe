package dev.lakegate.lake.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkTypesTest {
  @Test
  void spellsDuckDbTypesTheSparkWay() {
    assertThat(SparkTypes.text("VARCHAR")).isEqualTo("STRING");
    assertThat(SparkTypes.text("TIMESTAMP WITH TIME ZONE")).isEqualTo("TIMESTAMP");
    assertThat(SparkTypes.text("TIMESTAMP")).isEqualTo("TIMESTAMP_NTZ");
    assertThat(SparkTypes.text("DECIMAL(18, 3)")).isEqualTo("DECIMAL(18,3)");
    assertThat(SparkTypes.text("STRUCT(a BIGINT, \"b c\" VARCHAR[], m MAP(VARCHAR, STRUCT(x DOUBLE)[]))[]"))
        .isEqualTo("ARRAY<STRUCT<a: BIGINT, `b c`: ARRAY<STRING>, m: MAP<STRING, ARRAY<STRUCT<x: DOUBLE>>>>>");
    assertThat(SparkTypes.text("INTEGER[3]")).isEqualTo("ARRAY<INT>");
    assertThat(SparkTypes.text("UUID")).isEqualTo("STRING");
    assertThat(SparkTypes.text("ENUM('a', 'b')")).isEqualTo("STRING");
    assertThat(SparkTypes.text("STRUCT(")).isEqualTo("STRING");
  }

  @Test
  void namesTypesLikeDatabricks() {
    assertThat(SparkTypes.name("BIGINT")).isEqualTo("LONG");
    assertThat(SparkTypes.name("DECIMAL(10,2)")).isEqualTo("DECIMAL");
    assertThat(SparkTypes.name("ARRAY<STRUCT<a: INT>>")).isEqualTo("ARRAY");
    assertThat(SparkTypes.name("TIMESTAMP_NTZ")).isEqualTo("TIMESTAMP_NTZ");
  }
}
