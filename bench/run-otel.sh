#!/usr/bin/env bash
# Builds and runs the OTLP ingestion benchmark: Claude-Code-shaped exports through a real gateway on
# loopback (saturation, then acknowledgement latency at half that rate), each against the HTTP floor and
# a direct DurableTableWriter measured in the same run. See BENCHMARKS.md, "OTLP ingestion".
#   bench/run-otel.sh [seconds-per-case [exporters,...]]      (default 20 s; 4,8)
# The report is also written to bench/results/otel-<date>.txt. LAKEGATE_BENCH_JFR=<file.jfr> records a
# JFR profile of the run; the phase times on stderr say which part of the recording is which.
# Builds with `mvn package` (never install); LAKEGATE_BENCH_SKIP_BUILD=1 reuses bench/target.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
lakegate_setup || exit 1
if [[ "${LAKEGATE_BENCH_SKIP_BUILD:-}" != 1 ]]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -pl bench -am package) >&2
fi
JVM_OPTS=(--enable-native-access=ALL-UNNAMED -Xmx6g "-Djava.io.tmpdir=${TMPDIR:-/tmp}")
if [[ -n "${LAKEGATE_BENCH_JFR:-}" ]]; then
  JVM_OPTS+=("-XX:StartFlightRecording=filename=${LAKEGATE_BENCH_JFR},settings=profile" -Xlog:jfr+startup=off)
fi
mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/otel-$(date +%F).txt"
LAKEGATE_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" \
  -cp "$ROOT/bench/target/lakegate-bench.jar" dev.lakegate.bench.otel.OtelBench "$@" | tee "$OUT"
echo "report written to $OUT" >&2
