package dev.lakegate.server.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayException;
import dev.lakegate.server.store.PrincipalRecord;
import dev.lakegate.server.store.TokenRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {
    @TempDir
    Path dir;

    GovernanceFixture f;
    PrincipalRecord alice;

    @BeforeEach
    void setUp() {
        f = new GovernanceFixture(dir);
        alice = f.user("alice", false);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aSecretIsLgPlus32RandomBytesInBase64Url() {
        String secret = f.token(alice).secret();
        assertThat(secret).startsWith("lg_").hasSize(3 + 43).matches("lg_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret.substring(3))).hasSize(32);
        assertThat(f.token(alice).secret()).isNotEqualTo(secret);
    }

    @Test
    void onlyTheSha256OfTheSecretIsStored() throws Exception {
        IssuedToken issued = f.token(alice);
        String expectedHash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(issued.secret().getBytes(StandardCharsets.UTF_8)));
        List<String> row = new ArrayList<>();
        try (Connection c = f.raw(); ResultSet rs = c.createStatement().executeQuery("SELECT * FROM tokens")) {
            ResultSetMetaData meta = rs.getMetaData();
            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(String.valueOf(rs.getObject(i)));
            }
            assertThat(rs.getString("secret_hash")).isEqualTo(expectedHash);
            assertThat(rs.next()).isFalse();
        }
        String secretBody = issued.secret().substring(3);
        assertThat(row).noneMatch(v -> v.contains(secretBody));
        // Nor anywhere in the database files (WAL included).
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(secretBody);
            }
        }
        assertThat(issued.toString()).doesNotContain(secretBody);
    }

    @Test
    void listsByOwnerOrAllAndKeepsRevokedOnesFlagged() {
        PrincipalRecord bob = f.user("bob", false);
        IssuedToken a = f.token(alice);
        f.clock.advance(Duration.ofSeconds(1)); // lists are oldest first
        IssuedToken b = f.token(bob);
        f.governance.tokens().revoke(a.token().id());
        assertThat(f.governance.tokens().list(Optional.of(bob.id()))).extracting(TokenRecord::id).containsExactly(b.token().id());
        List<TokenRecord> all = f.governance.tokens().list(Optional.empty());
        assertThat(all).extracting(TokenRecord::id).containsExactly(a.token().id(), b.token().id());
        assertThat(all).extracting(TokenRecord::revoked).containsExactly(true, false);
        assertThat(f.governance.tokens().revoke(a.token().id())).as("already revoked").isFalse();
        assertThat(f.governance.tokens().revoke("tok_missing")).isFalse();
    }

    @Test
    void expiryIsCreationPlusLifetime() {
        IssuedToken issued = f.governance.tokens().create(alice, alice.id(), "ci", Optional.of(Duration.ofDays(90)));
        assertThat(issued.token().expiresAt()).contains(f.clock.instant().plus(Duration.ofDays(90)));
        assertThat(issued.token().comment()).isEqualTo("ci");
    }

    @Test
    void refusesBadLifetimesLongCommentsAndInactiveOwners() {
        var tokens = f.governance.tokens();
        assertThatThrownBy(() -> tokens.create(alice, alice.id(), null, Optional.of(Duration.ZERO)))
                .isInstanceOf(GatewayException.class).hasMessageContaining("lifetime_seconds must be between 1");
        assertThatThrownBy(() -> tokens.create(alice, alice.id(), "x".repeat(1001), Optional.empty()))
                .hasMessageContaining("keep it under 1000");
        PrincipalRecord gone = f.governance.principals().deactivate(alice.id());
        assertThatThrownBy(() -> tokens.create(gone, gone.id(), null, Optional.empty()))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .hasMessageContaining("deactivated");
    }

    @Test
    void mintsForTheBootstrapAdmin() {
        f.governance.bootstrap(Optional.empty());
        IssuedToken demo = f.governance.tokens().createForBootstrapAdmin("lakegate demo", Duration.ofDays(7));
        Caller caller = f.governance.authenticator().authenticate(demo.secret()).orElseThrow();
        assertThat(caller.principal().name()).isEqualTo("admin");
        assertThat(caller.principal().admin()).isTrue();
    }
}
