#!/usr/bin/env bash
# Lakegate side by side with its peers on loopback (issue 9; BENCHMARKS.md, "Peers"): a fake upstream
# reached directly, through nginx, through Portkey, and through Lakegate's passthrough and translation
# lanes, each its own process, measured in one run. The report goes to stdout and to
# bench/results/peers-<UTC date-time>.md; progress to stderr.
#   bench/run-peers.sh [--quick] [--only=direct,nginx,portkey,lakegate,direct-anthropic,lakegate-translation]
# Full run < 10 minutes, --quick < 2 minutes (plus the build).
# Installs what is missing when root: nginx and wrk (apt), Portkey (npm ci from bench/peers' lock file).
# LAKEGATE_BENCH_JVM overrides Lakegate's JVM flags; LAKEGATE_BENCH_SKIP_BUILD=1 reuses the jars.
# Builds with `mvn package` (never install).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="$ROOT/bench/peers"
QUICK=false
ONLY=()
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=true ;;
    --only=*) ONLY=("only=${arg#--only=}") ;;
    *) echo "usage: bench/run-peers.sh [--quick] [--only=peer,...]" >&2; exit 2 ;;
  esac
done

missing=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
command -v node >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "run-peers: missing ${missing[*]}; install them (apt-get install -y ${missing[*]}) or run as root" >&2
    exit 1
  fi
  apt-get install -y "${missing[@]}" >&2
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
PORTKEY="$PEERS/node_modules/@portkey-ai/gateway/build/start-server.js"
if [[ ! -f "$PORTKEY" ]]; then
  # The lock file pins Portkey and its dependencies; its install scripts (patch-package, husky) are not needed to run it.
  (cd "$PEERS" && npm ci --ignore-scripts --no-audit --no-fund) >&2
fi

source "$ROOT/scripts/jdk.sh"
lakegate_setup || exit 1
if [[ "${LAKEGATE_BENCH_SKIP_BUILD:-}" != 1 ]]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -pl bench -am package) >&2
fi

# Lakegate's JVM as docs/operations.md recommends: a fixed 192 MiB heap (its live set is ~45 MB; the RSS target is
# 400 MB), Parallel GC (short young pauses on a small heap, no concurrent GC threads competing for the two cores),
# freed native memory handed back to the OS every second.
GATEWAY_JVM="${LAKEGATE_BENCH_JVM:---enable-native-access=ALL-UNNAMED -Xms192m -Xmx192m -XX:+UseParallelGC -XX:TrimNativeHeapInterval=1000}"
mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/peers-$(date -u +%Y-%m-%dT%H%MZ).md"
exec "$JAVA_HOME/bin/java" -Xmx256m -cp "$ROOT/bench/target/lakegate-bench.jar" dev.lakegate.bench.peers.PeersBench \
  "quick=$QUICK" "out=$OUT" "gateway-jar=$ROOT/lakegate-server/target/lakegate.jar" "portkey=$PORTKEY" \
  "node=$(command -v node)" "nginx=$NGINX" "wrk=$(command -v wrk)" "gateway-jvm=$GATEWAY_JVM" "${ONLY[@]}"
