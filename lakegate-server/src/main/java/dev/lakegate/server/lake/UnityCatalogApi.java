package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.server.api.ApiRequest;
import dev.lakegate.server.api.ApiResponse;
import dev.lakegate.server.api.ApiRoute;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The read side of the Unity Catalog REST API, so catalog-aware tools can discover the tables.
 * Lists hold what the caller may see (see {@link Access}); one object that exists but is not
 * visible answers 403, one that does not exist 404. All results come in one page (no {@code
 * next_page_token}).
 */
final class UnityCatalogApi {
    private static final String BASE = "/api/2.1/unity-catalog";
    private final LakeService service;

    UnityCatalogApi(LakeService service) {
        this.service = service;
    }

    List<ApiRoute> routes() {
        return List.of(
                get("/catalogs", (r, b) -> Map.of("catalogs", b.catalogs().stream().map(UcJson::catalog).toList())),
                get("/catalogs/{name}", (r, b) -> UcJson.catalog(b.catalog(name(r.pathParams().get("name"), CatalogName::parse)))),
                get("/schemas", (r, b) -> Map.of("schemas", b.schemas(name(required(r, "catalog_name"), CatalogName::parse))
                        .stream().map(UcJson::schema).toList())),
                get("/schemas/{full_name}", (r, b) -> UcJson.schema(b.schema(name(r.pathParams().get("full_name"), SchemaName::parse)))),
                get("/tables", (r, b) -> Map.of("tables", b.tables(schemaParams(r)).stream().map(UcJson::table).toList())),
                get("/tables/{full_name}", (r, b) -> UcJson.table(b.table(name(r.pathParams().get("full_name"), TableName::parse)))));
    }

    private interface Handler {
        Object handle(ApiRequest request, Browse browse);
    }

    private ApiRoute get(String path, Handler handler) {
        return new ApiRoute("GET", BASE + path, false, r -> ApiResponse.ok(handler.handle(r, service.browse(r.caller()))));
    }

    private static String required(ApiRequest r, String param) {
        return r.queryParam(param).filter(v -> !v.isBlank())
                .orElseThrow(() -> LakeErrors.invalid("Query parameter " + param + " is required"));
    }

    private static SchemaName schemaParams(ApiRequest r) {
        String catalog = required(r, "catalog_name");
        String schema = required(r, "schema_name");
        return name(catalog, c -> new SchemaName(c, schema));
    }

    /** A name from the URL: malformed names answer 400 with the naming rule they break. */
    private static <T> T name(String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw LakeErrors.invalid(e.getMessage());
        }
    }
}
