#!/usr/bin/env bash
# Tests scripts/lib/zap-to-sarif.mjs (ZAP JSON report → SARIF for the Security tab) on a recorded
# report shape: levels, the policy's IGNORE/FAIL, CWE tags, severity and error handling.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=zap-to-sarif-test
require_tool node || exit 1
require_tool jq || exit 1

use_workdir
report="$REPO_ROOT/scripts/validators/testdata/zap-report.json"
convert() {
  rc=0
  out="$(run_tool node "$REPO_ROOT/scripts/lib/zap-to-sarif.mjs" "$@" 2>&1)" || rc=$?
}
q() { jq -r "$1" "$work/policy.sarif"; }

convert "$report" "$work/policy.sarif" --rules "$REPO_ROOT/security/zap-rules.tsv"
check "with policy: exit 0" test "$rc" -eq 0
check "SARIF 2.1.0" test "$(q .version)" = 2.1.0
check "IGNOREd timestamp disclosure (10096) dropped" test "$(q '[.runs[0].results[] | select(.ruleId == "10096")] | length')" -eq 0
check "FAIL rule 10038 reported as error, once per URL" \
  test "$(q '[.runs[0].results[] | select(.ruleId == "10038" and .level == "error")] | length')" -eq 2
check "low-risk WARN rule 10063 is a note" test "$(q '.runs[0].results[] | select(.ruleId == "10063") | .level')" = note
check "medium risk carries security-severity 5.5" \
  test "$(q '.runs[0].tool.driver.rules[] | select(.id == "10038") | .properties["security-severity"]')" = 5.5
check "CWE tag from the alert" \
  grep -qx "external/cwe/cwe-693" <(q '.runs[0].tool.driver.rules[] | select(.id == "10038") | .properties.tags[]')
check "location is the scanned URL" \
  grep -qx "https://staging.example.com/api/v1/items" <(q '.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri')
check "HTML stripped from descriptions" test "$(q '[.runs[0].tool.driver.rules[].fullDescription.text | select(test("<"))] | length')" -eq 0

convert "$report" "$work/plain.sarif"
check "without policy: informational alert kept as a note" \
  test "$(jq -r '.runs[0].results[] | select(.ruleId == "10096") | .level' "$work/plain.sarif")" = note
check "without policy: medium risk is a warning" \
  test "$(jq -r '[.runs[0].results[] | select(.ruleId == "10038") | .level] | unique | .[0]' "$work/plain.sarif")" = warning

printf '{"not":"zap"}' >"$work/other.json"
convert "$work/other.json" "$work/x.sarif"
check "not a ZAP report: exit 1" test "$rc" -eq 1
check "not a ZAP report: explained" has_output 'no "site" list'
convert "$report"
check "missing output argument: exit 2" test "$rc" -eq 2

finish "recorded ZAP report, policy security/zap-rules.tsv"
