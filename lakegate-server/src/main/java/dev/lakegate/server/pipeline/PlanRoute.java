package dev.lakegate.server.pipeline;

import dev.lakegate.server.provider.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Orders the endpoint's destinations into the attempts to make (SPEC §2): one destination per
 * priority, best (lowest) priority first, each chosen at random in proportion to the weights of
 * its priority tier (traffic split). Later entries are the fallbacks; an endpoint whose settings turn
 * fallback off gets only the first.
 */
public final class PlanRoute implements Interceptor {

    @Override
    public void intercept(Exchange exchange, Chain chain) throws Exception {
        exchange.plan(plan(exchange.endpoint().destinations(), exchange.endpoint().settings().fallback()));
        chain.proceed(exchange);
    }

    static List<Destination> plan(List<Destination> destinations, boolean fallback) {
        TreeMap<Integer, List<Destination>> tiers = destinations.stream()
                .collect(Collectors.groupingBy(Destination::priority, TreeMap::new, Collectors.toList()));
        if (!fallback) {
            return List.of(pick(tiers.firstEntry().getValue()));
        }
        List<Destination> plan = new ArrayList<>(tiers.size());
        tiers.values().forEach(tier -> plan.add(pick(tier)));
        return plan;
    }

    private static Destination pick(List<Destination> tier) {
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
