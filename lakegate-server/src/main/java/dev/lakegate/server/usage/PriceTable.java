package dev.lakegate.server.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * List prices by upstream model name, for destinations configured without {@code pricing:}. The rows
 * live in {@code prices.csv} beside this class, with the date they were checked. A row {@code x}
 * matches model {@code x}; a row {@code x*} every model starting with {@code x}; an exact row wins,
 * then the longest prefix. Looked up once per destination when endpoints load, never per request.
 */
public final class PriceTable {
    private static final String RESOURCE = "prices.csv";
    private static final List<String> HEADER = List.of("model", "input", "output", "cache_read", "cache_write_5m", "cache_write_1h");
    private static final PriceTable DEFAULTS = load();

    private final Map<String, Pricing> exact;
    private final Map<String, Pricing> prefixes;

    private PriceTable(Map<String, Pricing> exact, Map<String, Pricing> prefixes) {
        this.exact = Map.copyOf(exact);
        this.prefixes = Map.copyOf(prefixes);
    }

    /** The built-in table. */
    public static PriceTable defaults() {
        return DEFAULTS;
    }

    /** The price of {@code model}; empty when no row matches (its cost is then unknown, not zero). */
    public Optional<Pricing> find(String model) {
        Pricing price = exact.get(model);
        if (price != null) {
            return Optional.of(price);
        }
        String best = null;
        for (String prefix : prefixes.keySet()) {
            if (model.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best == null ? null : prefixes.get(best));
    }

    private static PriceTable load() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + PriceTable.class.getName());
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of {@code model,input,output,cache_read,cache_write_5m,cache_write_1h} after that header; {@code #} starts a comment line. */
    static PriceTable parse(List<String> lines) {
        Map<String, Pricing> exact = new HashMap<>();
        Map<String, Pricing> prefixes = new HashMap<>();
        boolean header = false;
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(line.split(",", -1));
            if (!header) {
                if (!cells.equals(HEADER)) {
                    throw new IllegalArgumentException(RESOURCE + " line " + n + ": expected the header " + String.join(",", HEADER));
                }
                header = true;
                continue;
            }
            if (cells.size() != HEADER.size()) {
                throw new IllegalArgumentException(RESOURCE + " line " + n + ": expected " + HEADER.size() + " cells, got " + cells.size());
            }
            String model = cells.getFirst();
            Pricing price;
            try {
                price = new Pricing(Double.valueOf(cells.get(1)), Double.valueOf(cells.get(2)), Double.valueOf(cells.get(3)),
                        Double.valueOf(cells.get(4)), Double.valueOf(cells.get(5)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + n + ": " + e.getMessage(), e);
            }
            Map<String, Pricing> target = model.endsWith("*") ? prefixes : exact;
            if (target.put(model.endsWith("*") ? model.substring(0, model.length() - 1) : model, price) != null) {
                throw new IllegalArgumentException(RESOURCE + " line " + n + ": " + model + " is listed twice");
            }
        }
        return new PriceTable(exact, prefixes);
    }
}
