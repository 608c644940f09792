#!/usr/bin/env bash
# Every accepted finding in security/trivy/.trivyignore has a reason, an owner and an unexpired
# expiry; a self-test proves the check rejects each kind of bad entry.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
file=security/trivy/.trivyignore
if [ ! -f "$file" ]; then no_files_yet trivyignore "security/trivy"; exit 0; fi
require_tool node
testdata=scripts/validators/testdata
run_tool node scripts/validators/scan-policies.mjs trivyignore "$testdata/trivyignore-valid" --today 2026-01-01 >/dev/null
expect_rejected "$testdata/trivyignore-invalid" \
  node scripts/validators/scan-policies.mjs trivyignore "$testdata/trivyignore-invalid" --today 2026-01-01
run_tool node scripts/validators/scan-policies.mjs trivyignore "$file"
