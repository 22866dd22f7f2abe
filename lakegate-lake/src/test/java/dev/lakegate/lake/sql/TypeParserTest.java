package dev.lakegate.lake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.catalog.ColumnTypes;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeParserTest {
  @ParameterizedTest
  @CsvSource({
      "STRING, string", "string, string", "LONG, bigint", "BIGINT, bigint", "INT, int", "INTEGER, int",
      "SHORT, smallint", "SMALLINT, smallint", "BYTE, tinyint", "TINYINT, tinyint", "DOUBLE, double",
      "FLOAT, float", "REAL, float", "BOOLEAN, boolean", "DATE, date", "TIMESTAMP, timestamp",
      "TIMESTAMP_LTZ, timestamp", "TIMESTAMP_NTZ, timestamp_ntz", "BINARY, binary",
      "DECIMAL, 'decimal(10,0)'", "DECIMAL(7), 'decimal(7,0)'", "'DECIMAL(38, 10)', 'decimal(38,10)'",
      "'NUMERIC(5,2)', 'decimal(5,2)'", "'Dec(1,1)', 'decimal(1,1)'",
      "ARRAY<BIGINT>, array<bigint>", "'MAP<STRING, ARRAY<DATE>>', 'map<string,array<date>>'",
      "'STRUCT<a: INT, b STRING>', 'struct<a:int,b:string>'",
      "'struct<`x-y`:map<int,struct<z:binary>>>', 'struct<x-y:map<int,struct<z:binary>>>'"})
  void everyTypeAndSpelling(String ddl, String typeText) {
    assertThat(ColumnTypes.typeText(SqlParser.parseType(ddl))).isEqualTo(typeText);
  }

  @Test
  void primitiveTypesAreKernelSingletons() {
    assertThat(SqlParser.parseType("string")).isSameAs(StringType.STRING);
    assertThat(SqlParser.parseType("long")).isSameAs(LongType.LONG);
    assertThat(SqlParser.parseType("int")).isSameAs(IntegerType.INTEGER);
    assertThat(SqlParser.parseType("short")).isSameAs(ShortType.SHORT);
    assertThat(SqlParser.parseType("byte")).isSameAs(ByteType.BYTE);
    assertThat(SqlParser.parseType("double")).isSameAs(DoubleType.DOUBLE);
    assertThat(SqlParser.parseType("float")).isSameAs(FloatType.FLOAT);
    assertThat(SqlParser.parseType("boolean")).isSameAs(BooleanType.BOOLEAN);
    assertThat(SqlParser.parseType("date")).isSameAs(DateType.DATE);
    assertThat(SqlParser.parseType("timestamp")).isSameAs(TimestampType.TIMESTAMP);
    assertThat(SqlParser.parseType("timestamp_ntz")).isSameAs(TimestampNTZType.TIMESTAMP_NTZ);
    assertThat(SqlParser.parseType("binary")).isSameAs(BinaryType.BINARY);
    assertThat(SqlParser.parseType("decimal(12, 3)")).isEqualTo(new DecimalType(12, 3));
  }

  @Test
  void nullabilityCommentsAndBackquotes() {
    StructType s = SqlParser.parseColumns("""
        `Event-Time` TIMESTAMP NOT NULL COMMENT 'when it happened',
        tags MAP<STRING, ARRAY<STRING>> COMMENT 'free-form' NOT NULL,
        `we``ird` STRUCT<inner: LONG NOT NULL COMMENT 'it''s \\'quoted\\'', other DOUBLE>,
        plain INT
        """);
    assertThat(s.fieldNames()).containsExactly("Event-Time", "tags", "we`ird", "plain");
    assertThat(s.get("Event-Time").isNullable()).isFalse();
    assertThat(ColumnTypes.comment(s.get("Event-Time"))).contains("when it happened");
    assertThat(s.get("tags").isNullable()).isFalse();
    assertThat(s.get("tags").getDataType())
        .isEqualTo(new MapType(StringType.STRING, new ArrayType(StringType.STRING, true), true));
    StructType weird = (StructType) s.get("we`ird").getDataType();
    assertThat(weird.get("inner")).isEqualTo(new StructField("inner", LongType.LONG, false,
        FieldMetadata.builder().putString("comment", "it's 'quoted'").build()));
    assertThat(weird.get("other").isNullable()).isTrue();
    assertThat(ColumnTypes.comment(s.get("plain"))).isEqualTo(Optional.empty());
    assertThat(s.get("plain").getMetadata()).isEqualTo(FieldMetadata.empty());
  }

  @Test
  void keywordsAreCaseInsensitiveAndMayNameColumns() {
    StructType s = SqlParser.parseColumns("count bigint, Sum Double, comment string comment 'c', "
        + "not int not null, struct struct<struct: struct<map: map<string,string>>>");
    assertThat(s.fieldNames()).containsExactly("count", "Sum", "comment", "not", "struct");
    assertThat(ColumnTypes.comment(s.get("comment"))).contains("c");
    assertThat(s.get("not").isNullable()).isFalse();
  }

  @Test
  void nestingUpToTheLimitWorks() {
    String ddl = "ARRAY<".repeat(TypeParser.MAX_DEPTH) + "INT" + ">".repeat(TypeParser.MAX_DEPTH);
    DataType t = SqlParser.parseType(ddl);
    for (int i = 0; i < TypeParser.MAX_DEPTH; i++) t = ((ArrayType) t).getElementType();
    assertThat(t).isEqualTo(IntegerType.INTEGER);
  }

  @Test
  void renderedDdlParsesBackToTheSameSchema() {
    StructType metrics = SpecDdlTest.parse("otel_metrics").table().columns();
    assertThat(SqlParser.parseColumns(ColumnTypes.ddl(metrics))).isEqualTo(metrics);
    StructType odd = SqlParser.parseColumns("`a:b` DECIMAL(9,2) NOT NULL COMMENT 'x\\ny \\\\ ''z''', "
        + "`c``d` STRUCT<`e.f`: TIMESTAMP_NTZ COMMENT 'g'>");
    assertThat(SqlParser.parseColumns(ColumnTypes.ddl(odd))).isEqualTo(odd);
  }
}
