#!/usr/bin/env bash
# Workflow policy beyond actionlint: top-level permissions, job timeouts, actions pinned to full
# commit SHAs with a version comment, no pull_request_target; a self-test proves it can fail.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
check_files workflow-policy ".github/workflows" '.github/workflows/*.yml' '.github/workflows/*.yaml'
require_tool node
bad=scripts/validators/testdata/workflow-policy-invalid.yml
expect_rejected "$bad" node scripts/validators/workflow-policy.mjs "$bad"
run_tool node scripts/validators/workflow-policy.mjs "${files[@]}"
