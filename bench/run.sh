#!/usr/bin/env bash
# Builds and runs the passthrough benchmark: direct-to-upstream baseline vs through the gateway, same run.
#   bench/run.sh [requests-per-case]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
lakegate_setup || exit 1
(cd "$ROOT" && mvn -q -B -DskipTests -pl bench -am package) >&2
LAKEGATE_LOG_LEVEL=WARN exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$ROOT/bench/target/lakegate-bench.jar" "$@"
