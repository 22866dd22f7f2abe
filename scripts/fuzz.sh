#!/usr/bin/env bash
# Fuzzes every Jazzer target (@FuzzTest): scripts/fuzz.sh [seconds-per-target] [filter]  searches for a time each
# with a random seed; scripts/fuzz.sh --ci [filter]  searches a fixed number of inputs from a fixed seed, starting
# from the committed inputs only, so a given commit always runs the same inputs (test.sh runs this mode).
# A plain `mvn test` only replays the corpus (regression mode); here JAZZER_FUZZ=1 makes each target search.
# The corpus Jazzer grows lives in <module>/.cifuzz-corpus/ (ignored by git); a crashing input is written
# into the target's seed directory under src/test/resources/<package>/<Class>Inputs/<method>/, so once the
# bug is fixed it stays a regression test. Every target runs; exits non-zero if any found something. Needs a JDK >= 21 and Maven.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
lakegate_setup || exit 1
usage() { echo "usage: scripts/fuzz.sh [seconds-per-target] [filter] | scripts/fuzz.sh --ci [filter]" >&2; exit 2; }
# --ci: libFuzzer's -seed and -runs, passed through Jazzer's JUnit integration as jazzer.internal.arg.<n> (n=0 is argv0;
# later flags override Jazzer's own). The runs keep each target's search near 10 s on one core (Maven and the JVM add
# about 10 s more); the duration is only a guard against a stuck run, never the bound, as a time bound would make the
# inputs tried depend on the machine's speed.
CI_SEED=20261128
CI_RUNS=10000
if [[ "${1:-}" == --ci ]]; then
  CI=1
  SECONDS_PER_TARGET=600
  FILTER="${2:-}"
else
  CI=0
  SECONDS_PER_TARGET="${1:-60}"
  FILTER="${2:-}"
  [[ "$SECONDS_PER_TARGET" =~ ^[1-9][0-9]*$ ]] || usage
fi

# module, test class (simple name), fuzz test methods; method:runs sets a slower target's --ci runs
TARGETS=(
  "lakegate-protocol SseParserFuzzTest parse gate"
  "lakegate-protocol RequestCodecFuzzTest anthropic openaiChat openaiResponses gemini"
  "lakegate-protocol ResponseReaderFuzzTest anthropic openaiChat openaiResponses gemini geminiArray"
  "lakegate-protocol UsageTapFuzzTest sse:2000 json jsonArray"
  "lakegate-lake SqlParserFuzzTest parse"
  "lakegate-lake OtlpFuzzTest protobuf json"
)

cd "$ROOT"
# Build once (the lake module needs no other Lakegate module); each run below only compiles what changed.
mvn -B -q -pl lakegate-protocol,lakegate-lake test-compile
ran=0
failed=()
scratch=""
trap '[[ -z "$scratch" ]] || rm -rf "$scratch"' EXIT
for entry in "${TARGETS[@]}"; do
  read -r module class methods <<<"$entry"
  for target in $methods; do
    method="${target%%:*}"
    runs="$CI_RUNS"
    [[ "$target" != *:* ]] || runs="${target#*:}"
    [[ -z "$FILTER" || "$class#$method" == *"$FILTER"* ]] || continue
    ci_args=()
    if (( CI )); then
      echo "fuzz.sh: $class#$method for $runs inputs from seed $CI_SEED"
      # Jazzer keeps the inputs it grows under <basedir>/.cifuzz-corpus/: a fresh base directory makes every run start
      # from the committed inputs alone. Its src/ links to the module's, so a finding still lands in the seed directory.
      [[ -z "$scratch" ]] || rm -rf "$scratch"
      scratch="$(mktemp -d)"
      ln -s "$ROOT/$module/src" "$scratch/src"
      ci_args=(-Djazzer.internal.basedir="$scratch" -Djazzer.internal.arg.0=fuzz.sh
        -Djazzer.internal.arg.1=-seed="$CI_SEED" -Djazzer.internal.arg.2=-runs="$runs")
    else
      echo "fuzz.sh: $class#$method for ${SECONDS_PER_TARGET}s"
    fi
    # Jazzer fuzzes one @FuzzTest per JVM. The class's @Timeout becomes libFuzzer's -timeout (one hung input is a
    # finding); JUnit must not enforce it too, or it would end the whole run.
    set +e
    JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${SECONDS_PER_TARGET}s" \
      mvn -B -q -pl "$module" test -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false -Djunit.jupiter.execution.timeout.mode=disabled \
      -Dsurefire.argLine="--enable-native-access=ALL-UNNAMED -XX:+EnableDynamicAgentLoading -Xmx1g" ${ci_args[@]+"${ci_args[@]}"} 2>&1 \
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
if (( CI )); then
  echo "fuzz.sh: $ran targets fuzzed from seed $CI_SEED, no finding"
else
  echo "fuzz.sh: $ran targets fuzzed for ${SECONDS_PER_TARGET}s each, no finding"
fi
