package dev.lakegate.server.payload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.server.provider.Secret;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = new Redactor(List.of(new Secret("vllm-local-key-42"), new Secret("short")),
            List.of(Pattern.compile("(?i)acme-[a-z]+-\\d+")));

    @Test
    void credentialShapesAreMasked() {
        assertThat(redactor.redact("token lg_" + "A1b2_-".repeat(7) + " done")).isEqualTo("token [REDACTED] done");
        assertThat(redactor.redact("{\"key\":\"sk-ant-api03-" + "x".repeat(90) + "\"}")).isEqualTo("{\"key\":\"[REDACTED]\"}");
        assertThat(redactor.redact("OPENAI_API_KEY=sk-proj-" + "Ab9".repeat(20))).isEqualTo("OPENAI_API_KEY=[REDACTED]");
        assertThat(redactor.redact("key=AIza" + "Sy0".repeat(11) + "Q2")).isEqualTo("key=[REDACTED]");
        assertThat(redactor.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")).isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(redactor.redact("authorization: bearer  dapi0123456789abcdef")).isEqualTo("authorization: bearer  [REDACTED]");
    }

    @Test
    void providerKeysAndConfiguredPatternsAreMasked() {
        assertThat(redactor.redact("curl -H 'Authorization: vllm-local-key-42' http://vllm")).isEqualTo("curl -H 'Authorization: [REDACTED]' http://vllm");
        assertThat(redactor.redact("see ACME-Billing-12 and acme-ops-7")).isEqualTo("see [REDACTED] and [REDACTED]");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String prose = "Bearer authentication is a short task-list; the shortest ask-me key, sk-short, lg_x and AIzaShort stay.";
        assertThat(redactor.redact(prose)).isEqualTo(prose);
        assertThat(redactor.redact(null)).isNull();
    }
}
