package dev.lakegate.server.governance;

import dev.lakegate.server.store.ChangeFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Per-endpoint values set through the admin API (an ACL, the ai-gateway settings) that replace the endpoint's
 * configured value from then on. All stored values are held as one immutable map, reloaded whenever the
 * {@link ChangeFeed} reports a change made by any gateway, so a lookup is a volatile read and a map lookup.
 *
 * @param <V> the stored value of one endpoint
 */
public final class EndpointOverlay<V> {
    private final Supplier<Map<String, V>> load;
    private final List<Consumer<Map<String, V>>> listeners = new ArrayList<>(1); // guarded by this
    private volatile Map<String, V> stored;

    /** @param load every stored value by endpoint name, read from the control plane */
    EndpointOverlay(Supplier<Map<String, V>> load, ChangeFeed changes) {
        this.load = load;
        this.stored = Map.copyOf(load.get());
        changes.subscribe(this::reload);
    }

    /** The value in force: the stored one if the endpoint has one, else {@code configured}. */
    public V get(String endpoint, V configured) {
        return stored.getOrDefault(endpoint, configured);
    }

    public SettingSource source(String endpoint) {
        return stored.containsKey(endpoint) ? SettingSource.API : SettingSource.CONFIGURATION;
    }

    /**
     * Hands {@code onChange} every stored value now and again after each reload, in order: for caches built from them
     * (the endpoint registry). It must be quick.
     */
    public synchronized void subscribe(Consumer<Map<String, V>> onChange) {
        listeners.add(onChange);
        onChange.accept(stored);
    }

    private synchronized void reload() {
        Map<String, V> next = Map.copyOf(load.get());
        stored = next;
        listeners.forEach(l -> l.accept(next));
    }
}
