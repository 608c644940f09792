#!/usr/bin/env bash
# The one test command (README.md names it; .ci/run calls it).
#   1. installs what the checks need (scripts/install-test-deps.sh)
#   2. ./mvnw -B clean verify: unit and integration tests of app, bootstrap and security/gate plus the quality gates
#      (enforcer, SpotBugs + FindSecBugs, spotless, JaCoCo, CycloneDX SBOM)
#   3. rebuilds the same tree in a fresh directory and compares jar checksums (reproducibility)
#   4. scripts/validate-assets.sh: every real upstream validator over every asset folder
# and ends with one line: "total: N passed, N failed".
set -uo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT" || exit 2

passed=0
failed=0
record() { # record NAME RC
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fail "$1"; fi
}

log "==> installing test dependencies"
bash scripts/install-test-deps.sh
record "install test dependencies" $?

log "==> ./mvnw -B clean verify"
TOOL_TIMEOUT=2400 run_tool ./mvnw -B clean verify
maven_rc=$?
record "./mvnw verify (tests and quality gates)" "$maven_rc"

# Count JUnit results from every surefire/failsafe report of this run.
read -r tests fails errs skips < <(
  find . -path ./scripts/node_modules -prune -o \
    \( -path '*/target/surefire-reports/TEST-*.xml' -o -path '*/target/failsafe-reports/TEST-*.xml' \) -print0 |
    xargs -0 -r sed -n 's/.*<testsuite[^>]* tests="\([0-9]*\)"[^>]* errors="\([0-9]*\)"[^>]* skipped="\([0-9]*\)"[^>]* failures="\([0-9]*\)".*/\1 \4 \2 \3/p' |
    awk '{t+=$1; f+=$2; e+=$3; s+=$4} END {printf "%d %d %d %d\n", t, f, e, s}'
)
log "junit: $tests tests, $fails failures, $errs errors, $skips skipped"
passed=$((passed + tests - fails - errs - skips))
failed=$((failed + fails + errs))

log "==> reproducibility: rebuild in a fresh directory and compare jars"
if [ "$maven_rc" -eq 0 ]; then
  bash scripts/check-reproducible.sh
  record "reproducible build" $?
else
  record "reproducible build (skipped: verify failed)" 1
fi

log "==> scripts/validate-assets.sh"
asset_log="$(mktemp)"
bash scripts/validate-assets.sh | tee "$asset_log"
read -r a_pass a_fail < <(sed -n 's/^asset checks: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$asset_log")
rm -f "$asset_log"
passed=$((passed + ${a_pass:-0}))
failed=$((failed + ${a_fail:-1}))

printf 'total: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
