package dev.lakegate.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakegate.bench.peers.PeersBench.Measured;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * The peers benchmark's markdown: one table per measurement, each peer's figures with what it adds
 * over its baseline (the direct connection speaking the same client protocol) and its ratios against
 * direct and against nginx, then the targets for Lakegate, each PASS or MISS with its figure.
 */
final class Report {
    private static final String NONE = "–";

    private final List<Measured> peers;
    private final Map<String, String> machine;
    private final PeersBench.Timing timing;
    private final StringBuilder out = new StringBuilder();

    Report(List<Measured> peers, Map<String, String> machine, PeersBench.Timing timing) {
        this.peers = peers;
        this.machine = machine;
        this.timing = timing;
    }

    String markdown() {
        line("# Peers benchmark, " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        line("");
        line(timing == PeersBench.Timing.QUICK ? "Quick run (`--quick`): short phases, one open-loop rate; figures are indicative only." : "Full run.");
        line("");
        machine.forEach((k, v) -> line("- " + k + ": " + v));
        line("- phases: warm-up with wrk in 2-s rounds, " + timing.warmupMin() + " s at least, until two in a row gain < 10 % (at most " + timing.warmupMax() + " s), then " + timing.generatorWarmup() + " s of unary and streamed requests from the generator; saturation " + timing.saturation() + " s per level, one client "
                + timing.sequential() + " s, open loop " + timing.open() + " s per rate, streams " + timing.stream() + " s per level, "
                + PeersBench.PACED_STREAMS + " paced streams");
        line("- *added* = peer − its baseline (direct, same client protocol) at the same percentile; *×* = peer / direct or peer / nginx");
        for (Measured m : peers) {
            if (m.failure != null) {
                line("- **" + m.target.name() + " failed**: " + m.failure);
            }
        }
        saturation();
        sequential();
        open();
        streams();
        paced();
        resources();
        targets();
        return out.toString();
    }

    private void saturation() {
        section("Saturation throughput (closed loop, wrk -t2, unary request)",
                "| peer | req/s, 16 conns | req/s, 64 conns | × direct (16 / 64) | × nginx (16 / 64) | errors |", 6);
        for (Measured m : peers) {
            Measured d = baseline(m);
            Measured n = find("nginx");
            line(row(m.target.label(), f0(m.rps16.rps()), f0(m.rps64.rps()),
                    ratio(m.rps16.rps(), d == null ? 0 : d.rps16.rps()) + " / " + ratio(m.rps64.rps(), d == null ? 0 : d.rps64.rps()),
                    ratio(m.rps16.rps(), n == null ? 0 : n.rps16.rps()) + " / " + ratio(m.rps64.rps(), n == null ? 0 : n.rps64.rps()),
                    Long.toString(m.rps16.errors() + m.rps64.errors())));
        }
        Measured d = find("direct");
        if (d != null) {
            line("");
            line("The direct row is the fake upstream's own ceiling on this machine (wrk and the upstream sharing the cores).");
        }
    }

    private void sequential() {
        section("Unary latency, one client (sequential requests), ms",
                "| peer | p50 | p99 | p99.9 | added p50 | added p99 | added p99.9 | × direct p50 / p99 | × nginx p50 / p99 |", 9);
        for (Measured m : peers) {
            List<String> cells = new ArrayList<>(List.of(m.target.label()));
            cells.addAll(latencyCells(m, r -> r.sequential));
            line(row(cells.toArray(String[]::new)));
        }
    }

    private void open() {
        section("Unary latency, open loop at fixed rates (from the intended send time, 64 keep-alive connections), ms",
                "| peer | rate req/s | achieved req/s | p50 | p99 | p99.9 | added p50 | added p99 | added p99.9 | × direct p50 / p99 | × nginx p50 / p99 | errors |", 12);
        for (int rate : timing.rates()) {
            for (Measured m : peers) {
                if (!m.open.containsKey(rate)) {
                    continue;
                }
                JsonNode r = m.open.get(rate);
                List<String> cells = new ArrayList<>(List.of(m.target.label(), Integer.toString(rate)));
                if (r == null) {
                    cells.add("above saturation (over 80 % of it)");
                    line(row(cells.toArray(String[]::new)) + " |".repeat(9));
                    continue;
                }
                cells.add(f0(r.path("rps").asDouble()));
                cells.addAll(latencyCells(m, x -> x.open.get(rate)));
                cells.add(r.path("errors").asText());
                line(row(cells.toArray(String[]::new)));
            }
        }
        Measured d = find("direct");
        if (d != null && d.open.get(1000) != null) {
            JsonNode lag = d.open.get(1000).path("lag");
            line("");
            line(String.format(Locale.ROOT, "The generator's own send lag (timer slack) at 1,000 req/s direct: p50 %.3f ms, p99 %.3f ms; "
                    + "it is in every row, so it cancels in *added*.", lag.path("p50").asDouble(), lag.path("p99").asDouble()));
        }
    }

    /** p50, p99, p99.9, the three added over the baseline, the ratios against direct and nginx. */
    private List<String> latencyCells(Measured m, Function<Measured, JsonNode> pick) {
        JsonNode r = pick.apply(m);
        if (r == null) {
            return List.of("failed", "", "", "", "", "", "", "");
        }
        JsonNode own = r.path("latency");
        JsonNode base = at(baseline(m), pick, "latency");
        JsonNode nginx = at(find("nginx"), pick, "latency");
        return List.of(ms(own, "p50"), ms(own, "p99"), ms(own, "p999"), added(own, base, "p50"), added(own, base, "p99"), added(own, base, "p999"),
                ratio(own, base, "p50") + " / " + ratio(own, base, "p99"), ratio(own, nginx, "p50") + " / " + ratio(own, nginx, "p99"));
    }

    private void streams() {
        section("Streams (" + Wire.STREAM_EVENTS + " events, closed loop), ms",
                "| peer | clients | streams/s | TTFB p50 | TTFB p99 | total p50 | total p99 | added TTFB p50 | added TTFB p99 | added total p50 | added total p99 | × direct total p50 | × nginx total p50 |", 13);
        for (int clients : new int[] {1, 16}) {
            for (Measured m : peers) {
                Function<Measured, JsonNode> pick = x -> clients == 1 ? x.stream1 : x.stream16;
                JsonNode r = pick.apply(m);
                if (r == null) {
                    line(row(m.target.label(), Integer.toString(clients), "failed", "", "", "", "", "", "", "", "", "", ""));
                    continue;
                }
                JsonNode ttfb = r.path("ttfb");
                JsonNode total = r.path("latency");
                JsonNode bTtfb = at(baseline(m), pick, "ttfb");
                JsonNode bTotal = at(baseline(m), pick, "latency");
                line(row(m.target.label(), Integer.toString(clients), f0(r.path("rps").asDouble()), ms(ttfb, "p50"), ms(ttfb, "p99"),
                        ms(total, "p50"), ms(total, "p99"), added(ttfb, bTtfb, "p50"), added(ttfb, bTtfb, "p99"),
                        added(total, bTotal, "p50"), added(total, bTotal, "p99"), ratio(total, bTotal, "p50"),
                        ratio(total, at(find("nginx"), pick, "latency"), "p50")));
            }
        }
    }

    private void paced() {
        section(PeersBench.PACED_STREAMS + " concurrent paced streams (" + Wire.PACED_EVENTS + " events " + Wire.PACE_MS + " ms apart), ms",
                "| peer | streams | stalled | errors | gap p50 | gap p99 | max gap | added inter-chunk p99 (gap p99 − " + Wire.PACE_MS
                        + " ms) | gap p99 − direct's | TTFB p99 |", 10);
        Measured d = find("direct");
        for (Measured m : peers) {
            if (m.paced == null) {
                continue;
            }
            JsonNode gap = m.paced.path("gap");
            line(row(m.target.label(), m.paced.path("streams").asText(), m.paced.path("stalled").asText(), m.paced.path("errors").asText(),
                    ms(gap, "p50"), ms(gap, "p99"), ms(gap, "max"), f3(gap.path("p99").asDouble() - Wire.PACE_MS),
                    d == null || d.paced == null ? NONE : f3(gap.path("p99").asDouble() - d.paced.path("gap").path("p99").asDouble()),
                    ms(m.paced.path("ttfb"), "p99")));
        }
        line("");
        line("A stream is stalled when a gap exceeds 1 s, it fails, or it ends with fewer than " + Wire.PACED_EVENTS + " events; "
                + "peers not listed here were not measured with paced streams.");
    }

    private void resources() {
        section("Resources of each proxy process over its whole phase",
                "| peer | CPU s (utime + stime) | peak RSS MB (VmHWM; nginx = master + workers) | fake upstream CPU s, same phase | generator CPU s, same phase |", 5);
        for (Measured m : peers) {
            line(row(m.target.label(), m.proc == null ? NONE : f1(m.proc.cpuSeconds()), m.proc == null ? NONE : f0(m.proc.peakRssBytes() / 1048576.0),
                    m.upstream == null ? NONE : f1(m.upstream.cpuSeconds()), m.generator == null ? NONE : f1(m.generator.cpuSeconds())));
        }
        line("");
        line("wrk's CPU is not counted. Everything shares the two cores: the upstream and the generator are part of each phase's load.");
    }

    private void targets() {
        section("Targets (issue 9, item 4), Lakegate passthrough lane unless named", "| target | figure | result |", 3);
        Measured lg = find("lakegate");
        Measured x = find("lakegate-translation");
        Measured n = find("nginx");
        Measured p = find("portkey");
        if (lg == null) {
            line("| (Lakegate not measured) | | |");
            return;
        }
        JsonNode seq = lg.sequential == null ? null : lg.sequential.path("latency");
        JsonNode seqBase = at(baseline(lg), r -> r.sequential, "latency");
        target("added latency, one client, p50 ≤ 0.15 ms", addedMs(seq, seqBase, "p50"), v -> v <= 0.15, " ms");
        target("added latency, one client, p99 ≤ 0.3 ms", addedMs(seq, seqBase, "p99"), v -> v <= 0.3, " ms");
        JsonNode o = lg.open.get(1000);
        target("added p99 at 1,000 req/s open loop ≤ 1 ms", o == null ? Double.NaN
                : addedMs(o.path("latency"), at(baseline(lg), r -> r.open.get(1000), "latency"), "p99"), v -> v <= 1, " ms");
        double sat = Math.max(lg.rps16.rps(), lg.rps64.rps());
        target("saturation ≥ 50 % of nginx's (best of 16 / 64 conns)", n == null ? Double.NaN : 100 * sat / Math.max(n.rps16.rps(), n.rps64.rps()),
                v -> v >= 50, " %");
        target("saturation ≥ 5 × Portkey's", p == null ? Double.NaN : sat / Math.max(p.rps16.rps(), p.rps64.rps()), v -> v >= 5, " ×");
        target("stream TTFB added p99 ≤ 1 ms (one client)", lg.stream1 == null ? Double.NaN
                : addedMs(lg.stream1.path("ttfb"), at(baseline(lg), r -> r.stream1, "ttfb"), "p99"), v -> v <= 1, " ms");
        if (lg.paced != null) {
            double added = lg.paced.path("gap").path("p99").asDouble() - Wire.PACE_MS;
            int stalled = lg.paced.path("stalled").asInt();
            line(row(PeersBench.PACED_STREAMS + " paced streams: added inter-chunk p99 ≤ 5 ms, no stall",
                    f3(added) + " ms, " + stalled + " stalled", added <= 5 && stalled == 0 ? "PASS" : "MISS"));
        } else {
            line(row("paced streams", "not measured", "MISS"));
        }
        double rss = lg.proc == null ? Double.NaN : lg.proc.peakRssBytes() / 1048576.0;
        if (x != null && x.proc != null) {
            rss = Math.max(rss, x.proc.peakRssBytes() / 1048576.0);
        }
        target("peak RSS ≤ 400 MB (both lanes' processes)", rss, v -> v <= 400, " MB");
        if (x != null && x.sequential != null && seq != null) {
            JsonNode xs = x.sequential.path("latency");
            JsonNode xb = at(baseline(x), r -> r.sequential, "latency");
            for (String pct : new String[] {"p50", "p99"}) {
                double mine = addedMs(xs, xb, pct);
                double pass = addedMs(seq, seqBase, pct);
                line(row("translation lane added " + pct + " (one client) ≤ 2 × passthrough's", f3(mine) + " ms vs 2 × " + f3(pass) + " ms",
                        Double.isNaN(mine) || Double.isNaN(pass) ? "MISS" : mine <= 2 * Math.max(pass, 0) ? "PASS" : "MISS"));
            }
        }
    }

    private void target(String what, double figure, DoublePredicate pass, String unit) {
        String result = Double.isNaN(figure) ? "MISS" : !pass.test(figure) ? "MISS"
                // A negative added latency means the direct run's own tail was the larger: the figure says nothing.
                : unit.equals(" ms") && figure < 0 ? "inconclusive (direct's tail was larger)" : "PASS";
        line(row(what, Double.isNaN(figure) ? "not measured" : (unit.equals(" ×") || unit.equals(" %") ? f1(figure) : f3(figure)) + unit, result));
    }

    private Measured baseline(Measured m) {
        return find(m.target.baseline());
    }

    private Measured find(String name) {
        return peers.stream().filter(m -> m.target.name().equals(name)).findFirst().orElse(null);
    }

    private static JsonNode at(Measured m, Function<Measured, JsonNode> pick, String hist) {
        JsonNode r = m == null ? null : pick.apply(m);
        return r == null ? null : r.path(hist);
    }

    private static double addedMs(JsonNode own, JsonNode base, String pct) {
        return own == null || base == null ? Double.NaN : own.path(pct).asDouble() - base.path(pct).asDouble();
    }

    private static String added(JsonNode own, JsonNode base, String pct) {
        double v = addedMs(own, base, pct);
        return Double.isNaN(v) ? NONE : f3(v);
    }

    private static String ratio(JsonNode own, JsonNode base, String pct) {
        return own == null || base == null ? NONE : ratio(own.path(pct).asDouble(), base.path(pct).asDouble());
    }

    private static String ratio(double own, double base) {
        return base <= 0 || own <= 0 ? NONE : String.format(Locale.ROOT, "%.2f", own / base);
    }

    private static String ms(JsonNode h, String pct) {
        return f3(h.path(pct).asDouble());
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private void section(String title, String header, int columns) {
        line("");
        line("## " + title);
        line("");
        line(header);
        line("|" + "---|".repeat(columns));
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
