package dev.lakegate.bench.soak;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The soak's markdown: the set-up, one row per minute of the samples, the outcomes by kind, the verdict. */
final class SoakReport {
    private final double minutes;
    private final Map<String, String> machine;
    private final List<Sample> samples;
    private final Sample end;
    private final List<Verdict.Check> checks;
    private final Map<String, String> firstMessages;
    private final boolean passed;
    private final StringBuilder out = new StringBuilder();

    /** @param end taken after the clients stopped: every outcome counted */
    SoakReport(double minutes, Map<String, String> machine, List<Sample> samples, Sample end, List<Verdict.Check> checks,
            Map<String, String> firstMessages, boolean passed) {
        this.minutes = minutes;
        this.machine = machine;
        this.samples = samples;
        this.end = end;
        this.checks = checks;
        this.firstMessages = firstMessages;
        this.passed = passed;
    }

    /** Failed outcomes of every client, injected or not. */
    static long errors(Sample s) {
        return s.counts().entrySet().stream().filter(e -> !e.getKey().startsWith("injected.") && !e.getKey().endsWith("." + Tally.OK))
                .mapToLong(Map.Entry::getValue).sum();
    }

    static long injected(Sample s) {
        return s.count("injected.http-500") + s.count("injected.reset");
    }

    /** Successes of the clients whose name starts with {@code prefix}. */
    private static long ok(Sample s, String prefix) {
        return s.counts().entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith("." + Tally.OK))
                .mapToLong(Map.Entry::getValue).sum();
    }

    String markdown() {
        line("# Soak, " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")) + ": "
                + (passed ? "PASS" : "FAIL"));
        line("");
        line(String.format(Locale.ROOT, "%.0f minutes of mixed load on one gateway process (`bench/run-soak.sh`; BENCHMARKS.md, \"Soak\").", minutes));
        line("");
        machine.forEach((k, v) -> line("- " + k + ": " + v));
        line("- load: " + SoakBench.concurrentStreams() + " paced streams at most at once (" + SoakBench.STREAM_WORKERS_PER_LANE + " × "
                + SoakBench.STREAMS_PER_BATCH + " per lane, passthrough and Anthropic → Chat translation, the passthrough's recorded in a"
                + " payload table); unary requests every " + SoakBench.UNARY_PERIOD.toMillis() + " ms on each lane; six OTLP exporters"
                + " (metrics, logs, traces × protobuf, JSON) each every " + SoakBench.OTLP_PERIOD.toSeconds() + " s; an admin's dashboard"
                + " loading a page every " + SoakBench.DASHBOARD_PERIOD.toSeconds() + " s");
        line("- faults: one upstream answer in " + SoakBench.FAULT_EVERY + " fails (a 500, or for a stream alternately a 500 and a reset"
                + " mid-stream)");
        line("- heap after GC: the heap in use after a full GC the harness asks for once a minute (`jcmd GC.run`), its generations summed from the GC log");
        line("");
        line("## Per minute");
        line("");
        line("| minute | RSS MB | heap after GC MB | fds | threads | streams ok | unary ok | OTLP exports ok | dashboard calls ok | injected | errors |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        Sample previous = null;
        for (int i = 0; i <= samples.size(); i++) {
            Sample s = i < samples.size() ? samples.get(i) : end;
            if (i < samples.size() && (i + 1) % (60 / SoakBench.SAMPLE_SECONDS) != 0) {
                continue;
            }
            line(row(s == end ? "end" : String.format(Locale.ROOT, "%.1f", s.minute()), Long.toString(s.rssKb() / 1024),
                    Double.isNaN(s.heapAfterGcMb()) ? "–" : String.format(Locale.ROOT, "%.1f", s.heapAfterGcMb()), Long.toString(s.fds()),
                    Long.toString(s.threads()), delta(s, previous, "stream-"), delta(s, previous, "unary-"), delta(s, previous, "otlp-"),
                    delta(s, previous, "dashboard"), Long.toString(injected(s) - (previous == null ? 0 : injected(previous))),
                    Long.toString(errors(s) - (previous == null ? 0 : errors(previous)))));
            previous = s;
        }
        line("");
        line("Counts are per row, since the row before; *end* is taken after the clients stopped (their last streams ended), every"
                + " outcome counted. The verdict uses every 10-s sample, not *end*.");
        line("");
        line("## Outcomes by client and kind");
        line("");
        line("| client.kind | count | first message |");
        line("|---|---|---|");
        end.counts().forEach((k, v) -> line(row(k, Long.toString(v), firstMessages.getOrDefault(k, "").replace("|", "\\|"))));
        line("");
        line("## Verdict (second half of the run)");
        line("");
        line("| check | figure | limit | result |");
        line("|---|---|---|---|");
        for (Verdict.Check c : checks) {
            line(row(c.what(), c.figure(), c.limit(), c.pass() ? "PASS" : "FAIL"));
        }
        return out.toString();
    }

    private static String delta(Sample s, Sample previous, String prefix) {
        return Long.toString(ok(s, prefix) - (previous == null ? 0 : ok(previous, prefix)));
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
