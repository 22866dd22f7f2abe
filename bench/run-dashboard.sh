#!/usr/bin/env bash
# The dashboard benchmark: every page of the dashboard on 1,000,000 usage + 1,000,000 telemetry rows in headless
# Chromium, cold and warm, against the admin page measured in the same run; fails when a page misses issue 8's 1 s.
# Runs e2e's DashboardTimingTest with the budget enforced and copies its table to bench/results/. See BENCHMARKS.md.
#   bench/run-dashboard.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
lakegate_setup || exit 1
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || { echo "run-dashboard.sh: needs chromium and chromium-driver (apt-get install chromium chromium-driver)" >&2; exit 2; }
cd "$ROOT"
mvn -B -q -pl e2e -am test -Dtest=DashboardTimingTest -Dsurefire.failIfNoSpecifiedTests=false -Dlakegate.dashboard.enforce=true
mkdir -p bench/results
out="bench/results/dashboard-$(date -u +%Y%m%dT%H%M%SZ).md"
cp e2e/target/dashboard-timing.md "$out"
cat "$out"
echo "run-dashboard.sh: written to $out"
