package dev.lakegate.lake.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.lake.sql.SqlParser;
import io.delta.kernel.types.StructType;
import org.junit.jupiter.api.Test;

class ColumnTypesTest {
  private static final StructType SCHEMA = SqlParser.parseColumns("""
      id BIGINT NOT NULL COMMENT 'row "id"', n INT, amount DECIMAL(10,2),
      attributes MAP<STRING, STRING>,
      resource STRUCT<attributes: MAP<STRING, STRING>, dropped_attributes_count: INT>,
      events ARRAY<STRUCT<name: STRING, ts: TIMESTAMP_NTZ>>""");

  @Test
  void typeTextIsSparksCatalogString() {
    assertThat(SCHEMA.fields()).extracting(f -> ColumnTypes.typeText(f.getDataType())).containsExactly(
        "bigint", "int", "decimal(10,2)", "map<string,string>",
        "struct<attributes:map<string,string>,dropped_attributes_count:int>",
        "array<struct<name:string,ts:timestamp_ntz>>");
    assertThat(ColumnTypes.typeText(SCHEMA)).startsWith("struct<id:bigint,n:int,");
  }

  @Test
  void typeNameIsUnityCatalogsColumnTypeName() {
    assertThat(SCHEMA.fields()).extracting(f -> ColumnTypes.typeName(f.getDataType()))
        .containsExactly("LONG", "INT", "DECIMAL", "MAP", "STRUCT", "ARRAY");
  }

  @Test
  void typeJsonIsTheStructFieldInSparksJsonFormat() {
    assertThat(ColumnTypes.typeJson(SCHEMA.get("id")))
        .isEqualTo("{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{\"comment\":\"row \\\"id\\\"\"}}");
    assertThat(ColumnTypes.typeJson(SCHEMA.get("attributes"))).isEqualTo("{\"name\":\"attributes\",\"type\":"
        + "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"string\",\"valueContainsNull\":true},"
        + "\"nullable\":true,\"metadata\":{}}");
    assertThat(ColumnTypes.typeJson(SCHEMA.get("events"))).isEqualTo("{\"name\":\"events\",\"type\":"
        + "{\"type\":\"array\",\"elementType\":{\"type\":\"struct\",\"fields\":["
        + "{\"name\":\"name\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
        + "{\"name\":\"ts\",\"type\":\"timestamp_ntz\",\"nullable\":true,\"metadata\":{}}]},"
        + "\"containsNull\":true},\"nullable\":true,\"metadata\":{}}");
    assertThat(ColumnTypes.schemaJson(SCHEMA)).startsWith("{\"type\":\"struct\",\"fields\":[{\"name\":\"id\"");
  }

  @Test
  void ddlRendersBackquotedParseableColumns() {
    assertThat(ColumnTypes.ddl(SqlParser.parseColumns("`a``b` STRUCT<c: INT NOT NULL COMMENT 'it''s'>")))
        .isEqualTo("`a``b` STRUCT<`c`: INT NOT NULL COMMENT 'it\\'s'>");
    assertThat(SqlParser.parseColumns(ColumnTypes.ddl(SCHEMA))).isEqualTo(SCHEMA);
  }
}
