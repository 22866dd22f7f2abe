package dev.lakegate.lake.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.lake.sql.SqlParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Catalog} store must show, run against each store by a subclass: the
 * in-memory reference here, the control-plane store in the server (through this module's test jar).
 */
public abstract class CatalogContract {
    protected static final CatalogName MAIN = new CatalogName("main");
    protected static final SchemaName TELEMETRY = new SchemaName("main", "telemetry");
    protected static final TableName LOGS = new TableName("main", "telemetry", "cc_otel_logs");
    protected static final TableName DAILY = new TableName("main", "telemetry", "a_daily");
    protected final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    protected Catalog catalog;

    /** A fresh, empty store with managed storage at {@code managedRoot}. */
    protected abstract Catalog newCatalog(String managedRoot, Clock clock) throws Exception;

    @BeforeEach
    public void setUp() throws Exception {
        catalog = newCatalog("/data/managed/", clock);
        catalog.createCatalog(MAIN, Optional.of("lake"), "admin");
        catalog.createSchema(TELEMETRY, Optional.empty(), "admin");
    }

    @Test
    public void createsListsAndGetsAllThreeLevels() {
        catalog.createCatalog(new CatalogName("alpha"), Optional.empty(), "admin");
        TableInfo t = catalog.createTable(table(LOGS, Optional.empty()), "alice");
        assertThat(catalog.listCatalogs()).extracting(c -> c.name().name()).containsExactly("alpha", "main");
        assertThat(catalog.getCatalog(MAIN)).get().satisfies(c -> {
            assertThat(c.comment()).contains("lake");
            assertThat(c.owner()).isEqualTo("admin");
        });
        assertThat(catalog.listSchemas(MAIN)).extracting(SchemaInfo::name).containsExactly(TELEMETRY);
        assertThat(catalog.listTables(TELEMETRY)).containsExactly(t);
        assertThat(catalog.getTable(LOGS)).contains(t);
        assertThat(t.tableType()).isEqualTo(TableType.MANAGED);
        assertThat(t.dataSourceFormat()).isEqualTo(DataSourceFormat.DELTA);
        assertThat(t.location()).startsWith("/data/managed/main/telemetry/cc_otel_logs-");
        assertThat(t.owner()).isEqualTo("alice");
        assertThat(t.createdAt()).isEqualTo(clock.instant());
        assertThat(t.properties()).containsEntry("otel.schemaVersion", "v1");
    }

    @Test
    public void columnsKeepNestingNullabilityAndComments() {
        NewTable rich = new NewTable(LOGS, SqlParser.parseColumns(
                "`Body` STRING NOT NULL COMMENT 'the text', m MAP<STRING, ARRAY<STRUCT<a: DECIMAL(10,2), `b-c`: TIMESTAMP_NTZ>>>"),
                Optional.empty(), Map.of("b", "2", "a", "1"), Optional.of("logs"));
        TableInfo t = catalog.createTable(rich, "alice");
        assertThat(catalog.getTable(LOGS)).contains(t);
        assertThat(catalog.getTable(LOGS).orElseThrow().columns()).isEqualTo(rich.columns());
        assertThat(t.comment()).contains("logs");
    }

    @Test
    public void managedLocationsAreNeverReusedAfterADrop() {
        String first = catalog.createTable(table(LOGS, Optional.empty()), "a").location();
        assertThat(catalog.dropTable(LOGS)).get().extracting(TableInfo::location).isEqualTo(first);
        assertThat(catalog.createTable(table(LOGS, Optional.empty()), "a").location()).isNotEqualTo(first);
        assertThat(catalog.dropTable(new TableName("main", "telemetry", "nope"))).isEmpty();
    }

    @Test
    public void missingParentsDuplicatesAndNonEmptyDropsAreRefused() {
        assertThatThrownBy(() -> catalog.createSchema(new SchemaName("nope", "s"), Optional.empty(), "a"))
                .isInstanceOf(CatalogException.class).hasMessage("catalog nope does not exist; create it with CREATE CATALOG nope")
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(CatalogException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> catalog.createTable(table(new TableName("main", "x", "t"), Optional.empty()), "a"))
                .hasMessageContaining("schema main.x does not exist");
        assertThatThrownBy(() -> catalog.createCatalog(MAIN, Optional.empty(), "a"))
                .hasMessage("catalog main already exists; use IF NOT EXISTS to ignore this");
        catalog.createTable(table(LOGS, Optional.empty()), "a");
        assertThatThrownBy(() -> catalog.createTable(table(LOGS, Optional.empty()), "a"))
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(CatalogException.Kind.ALREADY_EXISTS);
        assertThatThrownBy(() -> catalog.dropSchema(TELEMETRY, false))
                .hasMessage("schema main.telemetry still contains 1 table(s); drop them first or add CASCADE");
        assertThatThrownBy(() -> catalog.dropCatalog(MAIN, false))
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(CatalogException.Kind.NOT_EMPTY);
        assertThat(catalog.dropCatalog(MAIN, true)).isTrue();
        assertThat(catalog.getTable(LOGS)).isEmpty();
        assertThat(catalog.listCatalogs()).isEmpty();
        assertThat(catalog.dropCatalog(MAIN, true)).isFalse();
    }

    @Test
    public void externalLocationsMustNotOverlapManagedStorageOrOtherTables() {
        TableInfo ext = catalog.createTable(table(LOGS, Optional.of("s3a://bucket/logs")), "a");
        assertThat(ext.tableType()).isEqualTo(TableType.EXTERNAL);
        assertThat(ext.location()).isEqualTo("s3a://bucket/logs");
        TableName other = new TableName("main", "telemetry", "other");
        assertThatThrownBy(() -> catalog.createTable(table(other, Optional.of("s3a://bucket/logs/sub")), "a"))
                .hasMessage("LOCATION 's3a://bucket/logs/sub' overlaps the location of table main.telemetry.cc_otel_logs");
        assertThatThrownBy(() -> catalog.createTable(table(other, Optional.of("file:///data/managed/x")), "a"))
                .hasMessageContaining("overlaps the managed storage /data/managed");
    }

    @Test
    public void grantsAreRecordedRevokedAndDroppedWithTheirObject() {
        catalog.createTable(table(LOGS, Optional.empty()), "a");
        Grant use = new Grant(MAIN, "bob", Privilege.USE_CATALOG);
        Grant modify = new Grant(LOGS, "bob", Privilege.MODIFY);
        catalog.grant(use);
        catalog.grant(modify);
        catalog.grant(modify);
        assertThat(catalog.grantsTo("bob")).containsExactlyInAnyOrder(use, modify);
        assertThat(catalog.grantsOn(LOGS)).containsExactly(modify);
        assertThat(catalog.revoke(use)).isTrue();
        assertThat(catalog.revoke(use)).isFalse();
        catalog.dropTable(LOGS);
        assertThat(catalog.grantsTo("bob")).isEmpty();
        assertThatThrownBy(() -> catalog.grant(modify)).hasMessage("table main.telemetry.cc_otel_logs does not exist");
    }

    @Test
    public void cascadingDropsTakeTheGrantsInsideWithThem() {
        catalog.createTable(table(LOGS, Optional.empty()), "a");
        catalog.grant(new Grant(MAIN, "bob", Privilege.USE_CATALOG));
        catalog.grant(new Grant(TELEMETRY, "bob", Privilege.USE_SCHEMA));
        catalog.grant(new Grant(LOGS, "bob", Privilege.SELECT));
        assertThat(catalog.grantsTo("bob")).hasSize(3);
        catalog.dropCatalog(MAIN, true);
        assertThat(catalog.grantsTo("bob")).isEmpty();
        catalog.createCatalog(MAIN, Optional.empty(), "admin");
        assertThat(catalog.listSchemas(MAIN)).isEmpty();
    }

    @Test
    public void updateKeepsIdentityAndBumpsUpdatedAt() {
        TableInfo t = catalog.createTable(table(LOGS, Optional.empty()), "a");
        TableInfo changed = new TableInfo(t.name(), t.columns(), "/elsewhere", Map.of("k", "v"), Optional.of("c"),
                "b", t.createdAt(), t.updatedAt(), TableType.EXTERNAL, t.dataSourceFormat());
        TableInfo updated = catalog.updateTable(changed);
        assertThat(updated.location()).isEqualTo(t.location());
        assertThat(updated.tableType()).isEqualTo(TableType.MANAGED);
        assertThat(updated.properties()).isEqualTo(Map.of("k", "v"));
        assertThat(updated.owner()).isEqualTo("b");
        assertThat(catalog.getTable(LOGS)).contains(updated);
    }

    @Test
    public void viewsShareTheNamesOfTables() {
        TableInfo logs = catalog.createTable(table(LOGS, Optional.empty()), "a");
        ViewInfo daily = catalog.createView(view(DAILY, "SELECT 1 AS n", "n INT"), "alice", false);
        assertThat(daily.tableType()).isEqualTo(TableType.VIEW);
        assertThat(daily.owner()).isEqualTo("alice");
        assertThat(daily.createdAt()).isEqualTo(clock.instant());
        assertThat(catalog.getView(DAILY)).contains(daily);
        assertThat(catalog.getTable(DAILY)).isEmpty();
        assertThat(catalog.getRelation(DAILY)).contains(daily);
        assertThat(catalog.getRelation(LOGS)).contains(logs);
        assertThat(catalog.listViews(TELEMETRY)).containsExactly(daily);
        assertThat(catalog.listRelations(TELEMETRY)).containsExactly(daily, logs); // by name

        assertThatThrownBy(() -> catalog.createTable(table(DAILY, Optional.empty()), "a")).hasMessage(
                "view main.telemetry.a_daily already exists; use IF NOT EXISTS to ignore this, or CREATE OR REPLACE VIEW to replace it")
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(CatalogException.Kind.ALREADY_EXISTS);
        assertThatThrownBy(() -> catalog.createView(view(DAILY, "SELECT 2 AS n", "n INT"), "a", false))
                .hasMessageStartingWith("view main.telemetry.a_daily already exists");
        assertThatThrownBy(() -> catalog.createView(view(LOGS, "SELECT 2 AS n", "n INT"), "a", false))
                .hasMessage("table main.telemetry.cc_otel_logs already exists; use IF NOT EXISTS to ignore this");
        assertThatThrownBy(() -> catalog.createView(view(LOGS, "SELECT 2 AS n", "n INT"), "a", true))
                .hasMessage("table main.telemetry.cc_otel_logs already exists; CREATE OR REPLACE VIEW replaces views only")
                .extracting(e -> ((CatalogException) e).kind()).isEqualTo(CatalogException.Kind.ALREADY_EXISTS);
        assertThatThrownBy(() -> catalog.createView(view(new TableName("main", "nope", "v"), "SELECT 1", "x INT"), "a", false))
                .hasMessage("schema main.nope does not exist; create it with CREATE SCHEMA main.nope");
    }

    @Test
    public void replacingAViewKeepsItsGrantsAndCreationTime() {
        ViewInfo first = catalog.createView(view(DAILY, "SELECT 1 AS n", "n INT"), "alice", false);
        Grant select = new Grant(DAILY, "bob", Privilege.SELECT);
        catalog.grant(select);
        NewView second = new NewView(DAILY, "SELECT 'x' AS s, 2 AS n", SqlParser.parseColumns("s STRING, n INT"), Optional.of("again"));
        ViewInfo replaced = catalog.createView(second, "carol", true);
        assertThat(replaced).isEqualTo(new ViewInfo(DAILY, second.definition(), second.columns(), Optional.of("again"), "carol",
                first.createdAt(), clock.instant()));
        assertThat(catalog.getView(DAILY)).contains(replaced);
        assertThat(catalog.grantsOn(DAILY)).containsExactly(select);
        assertThat(catalog.createView(view(new TableName("main", "telemetry", "fresh"), "SELECT 1", "x INT"), "a", true).owner())
                .isEqualTo("a");
    }

    @Test
    public void viewsAreDroppedAloneOrWithTheirSchemaAndTakeTheirGrants() {
        catalog.createView(view(DAILY, "SELECT 1 AS n", "n INT"), "alice", false);
        catalog.grant(new Grant(DAILY, "bob", Privilege.SELECT));
        assertThat(catalog.dropTable(DAILY)).isEmpty();
        assertThatThrownBy(() -> catalog.dropSchema(TELEMETRY, false))
                .hasMessage("schema main.telemetry still contains 1 table(s); drop them first or add CASCADE");
        assertThat(catalog.dropView(DAILY)).isTrue();
        assertThat(catalog.dropView(DAILY)).isFalse();
        assertThat(catalog.grantsTo("bob")).isEmpty();

        catalog.createView(view(DAILY, "SELECT 1 AS n", "n INT"), "alice", false);
        catalog.grant(new Grant(DAILY, "bob", Privilege.SELECT));
        assertThat(catalog.dropSchema(TELEMETRY, true)).isTrue();
        assertThat(catalog.getView(DAILY)).isEmpty();
        assertThat(catalog.grantsTo("bob")).isEmpty();
    }

    protected static NewView view(TableName name, String definition, String columns) {
        return new NewView(name, definition, SqlParser.parseColumns(columns), Optional.empty());
    }

    protected static NewTable table(TableName name, Optional<String> location) {
        return new NewTable(name, SqlParser.parseColumns("body STRING, time_unix_nano LONG"), location,
                Map.of("otel.schemaVersion", "v1"), Optional.empty());
    }
}
