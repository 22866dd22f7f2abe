package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.CatalogInfo;
import dev.lakegate.lake.catalog.ColumnTypes;
import dev.lakegate.lake.catalog.Relation;
import dev.lakegate.lake.catalog.SchemaInfo;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.ViewInfo;
import io.delta.kernel.types.StructField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Catalog records in Unity Catalog's REST shapes (CatalogInfo, SchemaInfo, TableInfo, ColumnInfo); absent fields are left out. */
final class UcJson {
    private UcJson() {}

    static Map<String, Object> catalog(CatalogInfo c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name().name());
        out.put("full_name", c.name().fullName());
        c.comment().ifPresent(x -> out.put("comment", x));
        out.put("owner", c.owner());
        out.put("created_at", c.createdAt().toEpochMilli());
        out.put("updated_at", c.updatedAt().toEpochMilli());
        return out;
    }

    static Map<String, Object> schema(SchemaInfo s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name().schema());
        out.put("catalog_name", s.name().catalog());
        out.put("full_name", s.name().fullName());
        s.comment().ifPresent(x -> out.put("comment", x));
        out.put("owner", s.owner());
        out.put("created_at", s.createdAt().toEpochMilli());
        out.put("updated_at", s.updatedAt().toEpochMilli());
        return out;
    }

    /** A table, or a view: {@code table_type} VIEW, its query in {@code view_definition}, no storage. */
    static Map<String, Object> table(Relation t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name().table());
        out.put("catalog_name", t.name().catalog());
        out.put("schema_name", t.name().schema());
        out.put("full_name", t.name().fullName());
        out.put("table_type", t.tableType().name());
        switch (t) {
            case TableInfo table -> {
                out.put("data_source_format", table.dataSourceFormat().name());
                out.put("storage_location", table.location());
                out.put("properties", table.properties());
            }
            case ViewInfo view -> out.put("view_definition", view.definition());
        }
        t.comment().ifPresent(x -> out.put("comment", x));
        out.put("owner", t.owner());
        out.put("created_at", t.createdAt().toEpochMilli());
        out.put("updated_at", t.updatedAt().toEpochMilli());
        List<Map<String, Object>> columns = new ArrayList<>();
        for (int i = 0; i < t.columns().length(); i++) {
            columns.add(column(t.columns().at(i), i));
        }
        out.put("columns", columns);
        return out;
    }

    private static Map<String, Object> column(StructField f, int position) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", f.getName());
        out.put("type_text", ColumnTypes.typeText(f.getDataType()));
        out.put("type_name", ColumnTypes.typeName(f.getDataType()));
        out.put("type_json", ColumnTypes.typeJson(f));
        out.put("position", position);
        out.put("nullable", f.isNullable());
        Optional<String> comment = ColumnTypes.comment(f);
        comment.ifPresent(c -> out.put("comment", c));
        return out;
    }
}
