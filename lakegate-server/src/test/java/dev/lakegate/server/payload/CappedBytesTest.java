package dev.lakegate.server.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedBytesTest {

    @Test
    void keepsWhatFitsAndLetsEverythingGoOnceTheLimitIsPassed() {
        CappedBytes copy = CappedBytes.empty(10);
        copy.append("héllo".getBytes(StandardCharsets.UTF_8), 0, 6);
        copy.append("xxabcd".getBytes(StandardCharsets.UTF_8), 2, 4);
        assertThat(copy.exceeded()).isFalse();
        assertThat(copy.text()).isEqualTo("hélloabcd");
        copy.append(new byte[] {'!', '?'}, 0, 2);
        assertThat(copy.exceeded()).isTrue();
        assertThat(copy.text()).isNull();
        assertThat(copy.size()).isZero();
        copy.append(new byte[] {'!'}, 0, 1);
        assertThat(copy.exceeded()).as("stays exceeded").isTrue();
    }

    @Test
    void exactlyTheLimitIsKept() {
        CappedBytes copy = CappedBytes.empty(4);
        copy.append(new byte[] {'a', 'b', 'c', 'd'}, 0, 4);
        assertThat(copy.text()).isEqualTo("abcd");
    }

    @Test
    void aBodyIsTakenWithoutACopyOrMarkedTooLarge() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        CappedBytes kept = CappedBytes.of(body, body.length);
        assertThat(kept.array()).isSameAs(body);
        assertThat(kept.text()).isEqualTo("{\"a\":1}");
        assertThat(CappedBytes.of(body, body.length - 1).exceeded()).isTrue();
        CappedBytes grown = CappedBytes.of(body, 100);
        grown.append(new byte[] {'!'}, 0, 1);
        assertThat(grown.text()).isEqualTo("{\"a\":1}!");
        assertThat(new String(body, StandardCharsets.UTF_8)).as("the body itself is never written to").isEqualTo("{\"a\":1}");
    }
}
