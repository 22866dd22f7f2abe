package dev.lakegate.server.governance;

import dev.lakegate.server.config.AiGatewayCodec;
import dev.lakegate.server.config.AiGatewayConfig;
import dev.lakegate.server.store.ChangeFeed;
import dev.lakegate.server.store.ControlPlane;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoint ai-gateway settings set through {@code PUT /api/2.0/serving-endpoints/{name}/ai-gateway}: stored in the
 * control plane and held as an {@link EndpointOverlay}, from which the endpoint registry rebuilds its endpoints after
 * every change — at once on the gateway that made it, at the next change-feed poll on the others. Checking the
 * settings and creating their inference table before {@link #put} is the caller's business.
 */
public final class AiGatewaySettings {
    private static final Logger LOG = LoggerFactory.getLogger(AiGatewaySettings.class);

    private final ControlPlane store;
    private final ChangeFeed changes;
    private final Clock clock;
    private final EndpointOverlay<AiGatewayConfig> stored;

    AiGatewaySettings(ControlPlane store, ChangeFeed changes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
        this.stored = new EndpointOverlay<>(this::load, changes);
    }

    /** The settings set through the API, by endpoint name. */
    public EndpointOverlay<AiGatewayConfig> stored() {
        return stored;
    }

    /** Stores the endpoint's settings; from now on its configured ones no longer apply. */
    public void put(String endpoint, AiGatewayConfig settings) {
        store.endpointSettings().put(endpoint, AiGatewayCodec.format(settings, endpoint), clock.instant());
        changes.check();
    }

    /** Forgets the endpoint's stored settings, so that its configured ones apply again; false when it had none. */
    public boolean reset(String endpoint) {
        boolean had = store.endpointSettings().delete(endpoint);
        changes.check();
        return had;
    }

    private Map<String, AiGatewayConfig> load() {
        Map<String, AiGatewayConfig> all = new HashMap<>();
        store.endpointSettings().all().forEach((endpoint, json) -> {
            try {
                AiGatewayConfig settings = AiGatewayCodec.parse(json);
                settings.problem(endpoint).ifPresent(problem -> {
                    throw new IllegalArgumentException(problem);
                });
                all.put(endpoint, settings);
            } catch (IllegalArgumentException e) {
                // Checked when stored, so only a document edited by hand or a newer gateway's rule gets here: keep serving.
                LOG.error("the stored ai-gateway settings of endpoint '{}' are not usable ({}): it runs on its configured settings until"
                        + " they are set again (lakegate endpoints ai-gateway set) or reset", endpoint, e.getMessage());
            }
        });
        return all;
    }
}
