#!/usr/bin/env bash
# Fuzzes every Jazzer target (@FuzzTest) for a bounded time each: scripts/fuzz.sh [seconds-per-target] [filter]
# A plain `mvn test` only replays the corpus (regression mode); here JAZZER_FUZZ=1 makes each target search.
# The corpus Jazzer grows lives in <module>/.cifuzz-corpus/ (ignored by git); a crashing input is written
# into the target's seed directory under src/test/resources/<package>/<Class>Inputs/<method>/, so once the
# bug is fixed it stays a regression test. Every target runs; exits non-zero if any found something. Needs a JDK >= 21 and Maven.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
JAVA_HOME="$(lakegate_find_jdk)" || exit 1
export JAVA_HOME
lakegate_maven_opts
SECONDS_PER_TARGET="${1:-60}"
FILTER="${2:-}"
[[ "$SECONDS_PER_TARGET" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/fuzz.sh [seconds-per-target] [filter]" >&2; exit 2; }

# module, test class (simple name), fuzz test methods
TARGETS=(
  "lakegate-protocol SseParserFuzzTest parse gate"
  "lakegate-protocol RequestCodecFuzzTest anthropic openaiChat openaiResponses gemini"
  "lakegate-protocol ResponseReaderFuzzTest anthropic openaiChat openaiResponses gemini geminiArray"
  "lakegate-protocol UsageTapFuzzTest sse json jsonArray"
  "lakegate-lake SqlParserFuzzTest parse"
  "lakegate-lake OtlpFuzzTest protobuf json"
)

cd "$ROOT"
# Build once (the lake module needs no other Lakegate module); each run below only compiles what changed.
mvn -B -q -pl lakegate-protocol,lakegate-lake test-compile
ran=0
failed=()
for entry in "${TARGETS[@]}"; do
  read -r module class methods <<<"$entry"
  for method in $methods; do
    [[ -z "$FILTER" || "$class#$method" == *"$FILTER"* ]] || continue
    echo "fuzz.sh: $class#$method for ${SECONDS_PER_TARGET}s"
    # Jazzer fuzzes one @FuzzTest per JVM. The class's @Timeout becomes libFuzzer's -timeout (one hung input is a
    # finding); JUnit must not enforce it too, or it would end the whole run.
    set +e
    JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${SECONDS_PER_TARGET}s" \
      mvn -B -q -pl "$module" test -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false -Djunit.jupiter.execution.timeout.mode=disabled \
      -Dsurefire.argLine="--enable-native-access=ALL-UNNAMED -XX:+EnableDynamicAgentLoading -Xmx1g" 2>&1 \
      | grep -a -v -e '^INFO: Instrumented' -e '^INFO: Loaded [0-9]* hooks'
    status="${PIPESTATUS[0]}"
    set -e
    [[ "$status" -eq 0 ]] || failed+=("$class#$method")
    ran=$((ran + 1))
  done
done
if (( ${#failed[@]} > 0 )); then
  echo "fuzz.sh: findings in ${failed[*]}: the inputs are under */src/test/resources/**/*FuzzTestInputs/ (crash-*, timeout-*)" >&2
  exit 1
fi
echo "fuzz.sh: $ran targets fuzzed for ${SECONDS_PER_TARGET}s each, no finding"
