#!/usr/bin/env bash
# The ZAP scan policy (security/zap-rules.tsv) is in the format ZAP's -c option reads: numeric rule
# id, IGNORE/WARN/FAIL, reason; a self-test proves the check rejects malformed lines.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
file=security/zap-rules.tsv
check_files zap-rules "security/zap-rules.tsv" "$file"
require_tool node
bad=scripts/validators/testdata/zap-rules-invalid.tsv
expect_rejected "$bad" node scripts/validators/scan-policies.mjs zap-rules "$bad"
run_tool node scripts/validators/scan-policies.mjs zap-rules "$file"
