#!/usr/bin/env bash
# Builds and runs the lake benchmarks (Delta append throughput, WAL acknowledgement latency, GROUP BY
# over 10M usage rows), each against a baseline measured in the same run. See BENCHMARKS.md, "Lake".
#   bench/run-lake.sh [append [rows-per-case] | latency [seconds] | query [--rows N] [--runs N] [--regenerate] [--delete] | all]
# The query benchmark keeps its generated table in $LAKEGATE_BENCH_DATA (default
# ${TMPDIR:-/tmp}/lakegate-bench-data/usage-<rows>) for the next run; `query --delete` removes it.
# LAKEGATE_BENCH_JFR=<file.jfr> records a JFR profile of the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
lakegate_setup || exit 1
if [[ "${LAKEGATE_BENCH_SKIP_BUILD:-}" != 1 ]]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -pl bench -am package) >&2
fi
JVM_OPTS=(--enable-native-access=ALL-UNNAMED -Xmx6g "-Djava.io.tmpdir=${TMPDIR:-/tmp}")
if [[ -n "${LAKEGATE_BENCH_JFR:-}" ]]; then
  JVM_OPTS+=("-XX:StartFlightRecording=filename=${LAKEGATE_BENCH_JFR},settings=profile")
fi
LAKEGATE_LOG_LEVEL=WARN exec "$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" \
  -cp "$ROOT/bench/target/lakegate-bench.jar" dev.lakegate.bench.lake.LakeBench "$@"
