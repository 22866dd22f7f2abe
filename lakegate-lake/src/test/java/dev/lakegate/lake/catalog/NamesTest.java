package dev.lakegate.lake.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void securableNamesAreLowerCasedAndValidated() {
    assertThat(new TableName("Main", "TeleMetry", "CC_otel_logs").fullName()).isEqualTo("main.telemetry.cc_otel_logs");
    assertThat(TableName.parse("main.telemetry.t")).isEqualTo(new TableName("main", "telemetry", "t"));
    assertThat(SchemaName.parse("main.default").catalogName()).isEqualTo(new CatalogName("main"));
    assertThat(new CatalogName("my-catalog").name()).isEqualTo("my-catalog");
    assertThat(new TableName("a", "b", "c").parent()).contains(new SchemaName("a", "b"));
    assertThat(Securable.parse(SecurableType.SCHEMA, "a.b")).isEqualTo(new SchemaName("a", "b"));
  }

  @Test
  void unsafeNamesAreRefused() {
    assertThatThrownBy(() -> new CatalogName("..")).hasMessageContaining("contains a period");
    assertThatThrownBy(() -> new CatalogName("a/b")).hasMessageContaining("contains '/'");
    assertThatThrownBy(() -> new CatalogName("a\\b")).hasMessageContaining("contains '\\'");
    assertThatThrownBy(() -> new CatalogName("a\u0000")).hasMessageContaining("control character U+0000");
    assertThatThrownBy(() -> new CatalogName("")).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> new CatalogName("x".repeat(256))).hasMessageContaining("255 characters");
    assertThatThrownBy(() -> TableName.parse("a.b")).hasMessage("expected a 3-part name catalog.schema.table but got 'a.b'");
    assertThatThrownBy(() -> TableName.parse("a.b.c.d")).hasMessageContaining("3-part");
    assertThatThrownBy(() -> TableName.parse("a..c")).hasMessageContaining("must not be empty");
  }

  @Test
  void columnAndPrincipalRules() {
    assertThat(Names.columnProblem("Event_Time")).isEmpty();
    assertThat(Names.columnProblem("a.b")).isEmpty();
    assertThat(Names.columnProblem("a b")).get().asString().contains("contains a space");
    assertThat(Names.columnProblem("a=b")).isPresent();
    assertThat(Names.principalProblem("alice@example.com")).isEmpty();
    assertThat(Names.principalProblem(" ")).isPresent();
    assertThat(Names.principalProblem("a\nb")).get().asString().contains("a line break");
  }

  @Test
  void grantsCheckWherePrivilegesApply() {
    assertThat(new Grant(new CatalogName("c"), "bob", Privilege.USE_SCHEMA).privilege()).isEqualTo(Privilege.USE_SCHEMA);
    assertThatThrownBy(() -> new Grant(new SchemaName("c", "s"), "bob", Privilege.USE_CATALOG))
        .hasMessageStartingWith("privilege USE_CATALOG cannot be granted on a SCHEMA");
    assertThatThrownBy(() -> new Grant(new TableName("c", "s", "t"), "bob", Privilege.CREATE_TABLE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Privilege.ALL_PRIVILEGES.sql()).isEqualTo("ALL PRIVILEGES");
    for (SecurableType type : SecurableType.values()) {
      assertThat(Privilege.SELECT.appliesTo(type)).isTrue();
    }
  }
}
