package dev.lakegate.server.conformance;

import dev.lakegate.protocol.WireProtocol;
import java.util.ArrayList;
import java.util.List;

/**
 * One client protocol in front of one upstream protocol. The kit gives every upstream protocol a
 * scripted provider that speaks only it and an endpoint {@code kit-<upstream>} whose destination is
 * the upstream model {@code kit-model-<upstream>}, so a script can target one upstream with
 * {@code withModel}. Same protocol on both sides takes the passthrough lane, different ones translate.
 */
record Pair(WireProtocol client, WireProtocol upstream) {

    /** All 16 pairs, passthrough ones included. */
    static List<Pair> all() {
        List<Pair> pairs = new ArrayList<>();
        for (WireProtocol client : WireProtocol.values()) {
            for (WireProtocol upstream : WireProtocol.values()) {
                pairs.add(new Pair(client, upstream));
            }
        }
        return pairs;
    }

    boolean passthrough() {
        return client == upstream;
    }

    /** Both ends can express it: what one side cannot say is lost on the way. */
    boolean supports(Behavior behavior) {
        return behavior.supportedBy(client) && behavior.supportedBy(upstream);
    }

    /** The endpoint name agents send as their model. */
    String endpoint() {
        return endpoint(upstream);
    }

    String upstreamModel() {
        return upstreamModel(upstream);
    }

    static String endpoint(WireProtocol upstream) {
        return "kit-" + shortName(upstream);
    }

    static String provider(WireProtocol upstream) {
        return "kit-" + shortName(upstream);
    }

    static String upstreamModel(WireProtocol upstream) {
        return "kit-model-" + shortName(upstream);
    }

    private static String shortName(WireProtocol p) {
        return switch (p) {
            case ANTHROPIC -> "anthropic";
            case OPENAI_CHAT -> "chat";
            case OPENAI_RESPONSES -> "responses";
            case GEMINI -> "gemini";
        };
    }

    @Override
    public String toString() {
        return client.id() + " → " + upstream.id() + (passthrough() ? " (passthrough)" : "");
    }
}
