package dev.lakegate.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.server.Gateway;
import dev.lakegate.server.config.GatewayConfig;
import dev.lakegate.server.testing.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener speaks HTTPS with a configured certificate, whose key store password comes from the environment. */
class TlsListenerTest {
    private static final String PASSWORD = "changeit-" + System.nanoTime();
    private static final String TOKEN = "tls-admin-token-0123456789";

    @Test
    void servesAgentsOverHttpsWithTheConfiguredCertificate(@TempDir Path dir) throws Exception {
        Path keystore = selfSignedKeystore(dir);
        GatewayConfig config = GatewayConfig.parse("""
                server: {host: 127.0.0.1, port: 0, tls: {keystore: '%s', keystore_password_env: TLS_PASS}}
                providers: [{name: scripted, type: scripted}]
                endpoints: [{name: m, destinations: [{provider: scripted, model: gpt-5}]}]
                """.formatted(keystore), "tls.yaml");
        try (Gateway gateway = Gateway.start(new Gateway.Options(config, dir.resolve("data"), Optional.of(TOKEN),
                Map.of("TLS_PASS", PASSWORD)::get, List.of()))) {
            assertThat(gateway.baseUrl().getScheme()).isEqualTo("https");
            HttpClient trusting = HttpClient.newBuilder().sslContext(TestCertificates.trusting(keystore, PASSWORD)).build();
            HttpResponse<String> answer = trusting.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/openai/v1/chat/completions"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("chat.completion");

            URI plain = URI.create("http://127.0.0.1:" + gateway.port() + "/healthz");
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP on the TLS port").isInstanceOf(IOException.class);
        }
    }

    @Test
    void theDashboardOverTlsSendsHstsAndOnlySecureCookies(@TempDir Path dir) throws Exception {
        Path keystore = selfSignedKeystore(dir);
        GatewayConfig config = GatewayConfig.parse("server: {host: 127.0.0.1, port: 0, tls: {keystore: '%s', keystore_password_env: TLS_PASS}}\n"
                .formatted(keystore), "tls.yaml");
        try (Gateway gateway = Gateway.start(new Gateway.Options(config, dir.resolve("data"), Optional.of(TOKEN),
                Map.of("TLS_PASS", PASSWORD)::get, List.of()))) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(TestCertificates.trusting(keystore, PASSWORD)).version(HttpClient.Version.HTTP_1_1).build();
            String origin = "https://127.0.0.1:" + gateway.port();
            HttpResponse<String> page = trusting.send(HttpRequest.newBuilder(URI.create(origin + "/ui/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(page.headers().firstValue("strict-transport-security")).hasValue("max-age=31536000");
            HttpResponse<String> signIn = trusting.send(HttpRequest.newBuilder(URI.create(origin + "/ui/api/session")).header("origin", origin)
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + TOKEN + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            assertThat(signIn.headers().firstValue("set-cookie")).hasValueSatisfying(c -> assertThat(c).contains("; Secure", "HttpOnly"));
            // a client that does not trust the configured certificate gets no answer at all
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void refusesToStartWithoutTheKeystorePassword(@TempDir Path dir) throws Exception {
        Path keystore = selfSignedKeystore(dir);
        GatewayConfig config = GatewayConfig.parse("server: {host: 127.0.0.1, port: 0, tls: {keystore: '" + keystore + "'}}\n", "tls.yaml");
        assertThatThrownBy(() -> Gateway.start(new Gateway.Options(config, dir.resolve("data"), Optional.of(TOKEN), name -> null, List.of())))
                .hasMessageContaining("LAKEGATE_TLS_KEYSTORE_PASSWORD, which is not set");
    }

    private static Path selfSignedKeystore(Path dir) throws Exception {
        return TestCertificates.selfSigned(dir, PASSWORD, "dns:localhost,ip:127.0.0.1");
    }
}
