package dev.lakegate.server.pipeline;

import dev.lakegate.server.provider.Destination;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the destination: among those of the best (lowest) priority, at random in proportion to
 * their weights (SPEC §2 traffic split).
 */
public final class SelectDestination implements Interceptor {

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        exchange.destination(pick(exchange.endpoint().destinations()));
        chain.proceed(exchange);
    }

    static Destination pick(List<Destination> destinations) {
        int best = destinations.stream().mapToInt(Destination::priority).min().orElseThrow();
        List<Destination> tier = destinations.stream().filter(d -> d.priority() == best).toList();
        long total = tier.stream().mapToLong(Destination::weight).sum();
        if (total == 0) {
            return tier.getFirst();
        }
        long roll = ThreadLocalRandom.current().nextLong(total);
        for (Destination d : tier) {
            roll -= d.weight();
            if (roll < 0) {
                return d;
            }
        }
        return tier.getLast();
    }
}
