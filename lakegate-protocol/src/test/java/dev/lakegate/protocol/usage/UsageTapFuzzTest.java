package dev.lakegate.protocol.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lakegate.protocol.Chunkings;
import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.WireProtocol;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets: the usage taps (and their {@link UsageScanner}), which watch every passthrough
 * response and so must never throw, whatever the upstream sends. For every protocol's dialect: no
 * exception, no negative count, and what was read does not depend on where the body was cut, with
 * the default memory bound and with a tiny one. Seeds: recorded bodies in
 * {@code UsageTapFuzzTestInputs/<method>/}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UsageTapFuzzTest {
    private static final int TINY = 48;

    @FuzzTest
    void sse(byte[] body) {
        check(Framing.SSE, body);
    }

    @FuzzTest
    void json(byte[] body) {
        check(Framing.JSON, body);
    }

    @FuzzTest
    void jsonArray(byte[] body) {
        check(Framing.JSON_ARRAY, body);
    }

    private static void check(Framing framing, byte[] body) {
        List<int[]> cuts = Chunkings.of(body);
        for (WireProtocol protocol : WireProtocol.values()) {
            for (int maxBytes : new int[] {UsageTaps.DEFAULT_MAX_BYTES, TINY}) {
                Seen whole = tap(protocol, framing, maxBytes, body, cuts.getFirst());
                for (int[] sizes : cuts.subList(1, cuts.size())) {
                    assertThat(tap(protocol, framing, maxBytes, body, sizes)).as("%s %s limit %d", protocol, framing, maxBytes).isEqualTo(whole);
                }
            }
        }
    }

    private record Seen(Usage usage, long answerCharacters, long events) {}

    private static Seen tap(WireProtocol protocol, Framing framing, int maxBytes, byte[] body, int[] sizes) {
        UsageTap tap = UsageTaps.forResponse(protocol, framing, maxBytes);
        Chunkings.feed(body, sizes, tap::onBytes);
        Usage usage = tap.finish();
        assertThat(List.of(usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheCreationTokens(),
                usage.cacheCreation1hTokens(), usage.reasoningTokens(), tap.answerCharacters(), tap.eventsSeen()))
                .allSatisfy(n -> assertThat(n).isNotNegative());
        return new Seen(usage, tap.answerCharacters(), tap.eventsSeen());
    }
}
