#!/usr/bin/env bash
# Runs the whole test suite: unit, integration, and the official SDKs against a running gateway.
# Installs the npm packages the end-to-end tests need into e2e/node_modules and e2e/agents/node_modules when missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$ROOT/scripts/jdk.sh"
lakegate_setup || exit 1
if [[ -f "$ROOT/e2e/package.json" ]]; then
  if [[ ! -d "$ROOT/e2e/node_modules" || "$ROOT/e2e/package-lock.json" -nt "$ROOT/e2e/node_modules/.package-lock.json" ]]; then
    echo "test.sh: installing e2e npm packages…"
    (cd "$ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
# The real agent CLIs (Claude Code, Codex, Gemini CLI) that RealAgentsTest runs headless.
if [[ -f "$ROOT/e2e/agents/package.json" ]]; then
  if [[ ! -d "$ROOT/e2e/agents/node_modules" || "$ROOT/e2e/agents/package-lock.json" -nt "$ROOT/e2e/agents/node_modules/.package-lock.json" ]]; then
    echo "test.sh: installing the agent CLIs into e2e/agents…"
    (cd "$ROOT/e2e/agents" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
# PostgreSQL and Redis servers for the scale-out tests, which start their own throwaway instances.
# Installed from Debian's packages when this runs as root; elsewhere those tests say what is missing.
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || ! command -v redis-server >/dev/null; then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing postgresql and redis-server…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
  else
    echo "test.sh: postgresql or redis-server is missing: the scale-out tests will be skipped (install both to run them)" >&2
  fi
fi
# Chromium and its driver for the dashboard's browser suite (Selenium, headless); without them it is skipped.
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing chromium and chromium-driver…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "test.sh: chromium or chromedriver is missing: the dashboard browser suite will be skipped (apt-get install chromium chromium-driver)" >&2
  fi
fi
cd "$ROOT"
# The secret scan (SECURITY.md): the harness writes down the secrets it mints, and what the gateways write (temporary
# folders, data folders, answers, test output) is kept under target/secret-scan, then searched for them after Maven.
SCAN="$ROOT/target/secret-scan"
args=()
for a in "$@"; do
  if [[ $a == clean ]]; then mvn -B -q clean; else args+=("$a"); fi # a later clean would delete the scan folder mid-run
done
rm -rf "$SCAN" && mkdir -p "$SCAN/tmp"
export LAKEGATE_SECRET_SCAN="$SCAN" LAKEGATE_REQUEST_LOG=INFO
mvn -B install -Dmaven.test.redirectTestOutputToFile=true \
  -Dlakegate.test.jvmArgs="-Djava.io.tmpdir=$SCAN/tmp -Djunit.jupiter.tempdir.cleanup.mode.default=never" ${args[@]+"${args[@]}"}
S="$ROOT/lakegate-server/target"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$S/test-classes:$S/classes:$S/lib/*" \
  dev.lakegate.server.security.SecretScanner "$SCAN" "$ROOT"
# Fuzzing: every Jazzer target searches a fixed number of inputs from a fixed seed (the same inputs for a given commit),
# after Maven has replayed the committed corpus (CONTRIBUTING.md, "Fuzzing").
"$ROOT/scripts/fuzz.sh" --ci
