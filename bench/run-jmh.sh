#!/usr/bin/env bash
# Builds and runs the JMH micro-benchmarks of the hot paths (dev.lakegate.bench.jmh: SSE parsing and usage tap,
# stream translators, token lookup and limit check), then prints their table with each one's cost against its
# baseline (BENCHMARKS.md, "Micro-benchmarks (JMH)").
#   bench/run-jmh.sh [JMH options and benchmark regexps], e.g. bench/run-jmh.sh -f 2 -wi 5 SseBenchmark
# Defaults, sized for a 2-core machine (31 forks; 4–5 minutes when the machine is quiet): -f 1 -wi 2 -w 2s -i 3 -r 1s; any of
# these given on the command line wins. The JSON results go to bench/target/jmh-result.json unless -rff is given.
# LAKEGATE_BENCH_SKIP_BUILD=1 runs the jar already built.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
lakegate_setup || exit 1
if [[ "${LAKEGATE_BENCH_SKIP_BUILD:-}" != 1 ]]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -pl bench -am package) >&2
fi

given() {
  local arg
  for arg in "${USER_ARGS[@]}"; do [[ "$arg" == "$1" ]] && return 0; done
  return 1
}
USER_ARGS=("$@")
ARGS=()
for default in "-f 1" "-wi 2" "-w 2s" "-i 3" "-r 1s" "-rf json"; do
  read -r flag value <<<"$default"
  given "$flag" || ARGS+=("$flag" "$value")
done
RESULT="$ROOT/bench/target/jmh-result.json"
if given -rff; then
  RESULT=""
else
  ARGS+=(-rff "$RESULT")
fi

JAR="$ROOT/bench/target/lakegate-bench.jar"
# Forks inherit this JVM's options (native access for SQLite) and its quiet logging.
LAKEGATE_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp "$JAR" org.openjdk.jmh.Main "${ARGS[@]}" "$@"
if [[ -n "$RESULT" && -s "$RESULT" ]]; then
  echo
  "$JAVA_HOME/bin/java" -cp "$JAR" dev.lakegate.bench.jmh.JmhReport "$RESULT"
fi
