#!/usr/bin/env bash
# The soak (issue 10; BENCHMARKS.md, "Soak"): one gateway process on loopback under mixed load for N
# minutes — paced streams and unary requests on the passthrough and translation lanes, OTLP exporters
# (metrics, logs, traces; protobuf and JSON), an admin's dashboard — with 2 % of upstream answers failing
# on purpose; memory, file descriptors and threads sampled every 10 s. The report goes to stdout and to
# bench/results/soak-<UTC date-time>.md; progress to stderr. Exits non-zero when the verdict fails.
#   bench/run-soak.sh [--minutes N]      (default 30)
# LAKEGATE_BENCH_JVM overrides the gateway's JVM flags (keep -XX:+UseParallelGC: heap after GC is read from
# its GC log); LAKEGATE_BENCH_SKIP_BUILD=1 reuses the jars.
# Builds with `mvn package` (never install).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MINUTES=30
while (($#)); do
  case "$1" in
    --minutes) MINUTES="${2:?--minutes needs a number}"; shift 2 ;;
    --minutes=*) MINUTES="${1#--minutes=}"; shift ;;
    *) echo "usage: bench/run-soak.sh [--minutes N]" >&2; exit 2 ;;
  esac
done
[[ "$MINUTES" =~ ^[0-9]+$ && "$MINUTES" -ge 2 ]] || { echo "run-soak: --minutes takes a whole number ≥ 2" >&2; exit 2; }

source "$ROOT/scripts/jdk.sh"
lakegate_setup || exit 1
if [[ "${LAKEGATE_BENCH_SKIP_BUILD:-}" != 1 ]]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -pl bench -am package) >&2
fi

# The gateway's JVM as docs/operations.md, "Sizing the JVM", recommends: a fixed heap (256 MB here: 192 MB plus
# room for the payload table and the dashboard's queries), Parallel GC; its pages touched at start
# (AlwaysPreTouch), or the resident memory would grow for minutes as the old generation's high-water mark rises,
# which says nothing about leaks.
GATEWAY_JVM="${LAKEGATE_BENCH_JVM:---enable-native-access=ALL-UNNAMED -Xms256m -Xmx256m -XX:+UseParallelGC -XX:+AlwaysPreTouch}"
mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/soak-$(date -u +%Y-%m-%dT%H%MZ).md"
exec "$JAVA_HOME/bin/java" -Xmx512m -XX:+UseParallelGC -cp "$ROOT/bench/target/lakegate-bench.jar" dev.lakegate.bench.soak.SoakBench \
  "minutes=$MINUTES" "out=$OUT" "gateway-jar=$ROOT/lakegate-server/target/lakegate.jar" "gateway-jvm=$GATEWAY_JVM"
