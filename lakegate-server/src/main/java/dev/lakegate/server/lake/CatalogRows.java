package dev.lakegate.server.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.lake.catalog.CatalogInfo;
import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.ColumnTypes;
import dev.lakegate.lake.catalog.DataSourceFormat;
import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.SchemaInfo;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.Securable;
import dev.lakegate.lake.catalog.SecurableType;
import dev.lakegate.lake.catalog.TableInfo;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.catalog.TableType;
import dev.lakegate.lake.catalog.ViewInfo;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.types.StructType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rows of the V2 and V3 catalog tables ↔ the catalog records. Columns are stored as Kernel's schema
 * JSON; reading it back needs Kernel's (internal) JSON reader, kept here alone.
 */
final class CatalogRows {
    static final String TABLE_COLUMNS = "catalog_name, schema_name, name, table_type, data_source_format, columns_json,"
            + " location, properties_json, comment, owner, created_at, updated_at";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> PROPERTIES = new TypeReference<>() {};

    private CatalogRows() {}

    static CatalogInfo catalog(ResultSet rs) throws SQLException {
        return new CatalogInfo(new CatalogName(rs.getString("name")), Optional.ofNullable(rs.getString("comment")),
                rs.getString("owner"), time(rs, "created_at"), time(rs, "updated_at"));
    }

    static SchemaInfo schema(ResultSet rs) throws SQLException {
        return new SchemaInfo(new SchemaName(rs.getString("catalog_name"), rs.getString("name")),
                Optional.ofNullable(rs.getString("comment")), rs.getString("owner"), time(rs, "created_at"), time(rs, "updated_at"));
    }

    static TableInfo table(ResultSet rs) throws SQLException {
        return new TableInfo(
                new TableName(rs.getString("catalog_name"), rs.getString("schema_name"), rs.getString("name")),
                columns(rs.getString("columns_json")),
                rs.getString("location"),
                properties(rs.getString("properties_json")),
                Optional.ofNullable(rs.getString("comment")),
                rs.getString("owner"),
                time(rs, "created_at"),
                time(rs, "updated_at"),
                TableType.valueOf(rs.getString("table_type")),
                DataSourceFormat.valueOf(rs.getString("data_source_format")));
    }

    static ViewInfo view(ResultSet rs) throws SQLException {
        return new ViewInfo(
                new TableName(rs.getString("catalog_name"), rs.getString("schema_name"), rs.getString("name")),
                rs.getString("definition"),
                columns(rs.getString("columns_json")),
                Optional.ofNullable(rs.getString("comment")),
                rs.getString("owner"),
                time(rs, "created_at"),
                time(rs, "updated_at"));
    }

    static Grant grant(ResultSet rs) throws SQLException {
        Securable on = Securable.parse(SecurableType.valueOf(rs.getString("securable_type")), rs.getString("securable_name"));
        return new Grant(on, rs.getString("principal"), Privilege.valueOf(rs.getString("privilege")));
    }

    static StructType columns(String json) {
        return DataTypeJsonSerDe.deserializeStructType(json);
    }

    static String columnsJson(StructType columns) {
        return ColumnTypes.schemaJson(columns);
    }

    static Map<String, String> properties(String json) {
        try {
            return JSON.readValue(json, PROPERTIES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable table properties in the catalog: " + json, e);
        }
    }

    static String propertiesJson(Map<String, String> properties) {
        try {
            return JSON.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }
}
