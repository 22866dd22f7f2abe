package dev.lakegate.server.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.protocol.Framing;
import dev.lakegate.protocol.error.GatewayException;
import org.junit.jupiter.api.Test;

class SurfaceRouterTest {

    private static SurfaceRoute route(String method, String path, String alt) {
        return SurfaceRouter.match(method, path, alt, false).orElseThrow();
    }

    @Test
    void routesEverySurfaceOperationOfSpecSection1() {
        assertThat(route("POST", "/anthropic/v1/messages", null).operation()).isEqualTo(Operation.MESSAGES);
        assertThat(route("POST", "/anthropic/v1/messages/count_tokens", null).operation()).isEqualTo(Operation.MESSAGES_COUNT_TOKENS);
        assertThat(route("GET", "/anthropic/v1/models", null).operation()).isEqualTo(Operation.LIST_MODELS);
        for (String prefix : new String[] {"/openai", "/codex", "/cursor"}) {
            assertThat(route("POST", prefix + "/v1/responses", null).operation()).isEqualTo(Operation.RESPONSES);
            assertThat(route("POST", prefix + "/v1/chat/completions", null).operation()).isEqualTo(Operation.CHAT_COMPLETIONS);
            assertThat(route("GET", prefix + "/v1/models", null).operation()).isEqualTo(Operation.LIST_MODELS);
        }
        SurfaceRoute sse = route("POST", "/gemini/v1beta/models/gemini-2.5-pro:streamGenerateContent", "sse");
        assertThat(sse.operation()).isEqualTo(Operation.STREAM_GENERATE_CONTENT);
        assertThat(sse.pathModel()).isEqualTo("gemini-2.5-pro");
        assertThat(sse.geminiFraming()).isEqualTo(Framing.SSE);
        assertThat(route("POST", "/gemini/v1/models/g:streamGenerateContent", null).geminiFraming()).isEqualTo(Framing.JSON_ARRAY);
        assertThat(route("POST", "/gemini/v1/models/g:generateContent", null).geminiApiVersion()).isEqualTo("v1");
        assertThat(route("POST", "/gemini/v1beta/models/g:countTokens", null).operation()).isEqualTo(Operation.COUNT_TOKENS);
        assertThat(route("GET", "/gemini/v1beta/models", null).operation()).isEqualTo(Operation.LIST_MODELS);
    }

    @Test
    void apiTypeNamesSurfaceAndOperation() {
        assertThat(route("POST", "/cursor/v1/chat/completions", null).apiType()).isEqualTo("cursor/v1/chat/completions");
        assertThat(route("POST", "/anthropic/v1/messages", null).apiType()).isEqualTo("anthropic/v1/messages");
        assertThat(route("POST", "/gemini/v1beta/models/x:generateContent", null).apiType()).isEqualTo("gemini/generateContent");
    }

    @Test
    void wrongPathsAndMethodsInsideASurfaceAreErrorsOfThatSurface() {
        assertThat(SurfaceRouter.match("GET", "/elsewhere", null, false)).isEmpty();
        assertThat(SurfaceRouter.match("GET", "/anthropicx/v1/messages", null, false)).isEmpty();
        assertThatThrownBy(() -> route("GET", "/anthropic/v1/messages", null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().status()).isEqualTo(405));
        assertThatThrownBy(() -> route("POST", "/openai/v1/embeddings", null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().status()).isEqualTo(404));
        assertThatThrownBy(() -> route("POST", "/gemini/v1beta/models/:generateContent", null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().status()).isEqualTo(404));
        assertThatThrownBy(() -> route("POST", "/gemini/v1beta/models/x:embedContent", null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().status()).isEqualTo(404));
    }

    @Test
    void codexWebSocketUpgradeGets426SoItFallsBackToHttp() {
        assertThatThrownBy(() -> SurfaceRouter.match("GET", "/openai/v1/responses", null, true))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error().status()).isEqualTo(426));
    }
}
