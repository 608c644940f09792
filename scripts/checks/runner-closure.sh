#!/usr/bin/env bash
# Every command each workflow job runs, in its run: steps and in the repository scripts they run,
# is installed by an earlier pinned step of that job or listed in the runner image's inventory
# (scripts/runner-images/, facts from the image's published readme). A self-test proves it fails.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
check_files runner-closure ".github/workflows" '.github/workflows/*.yml' '.github/workflows/*.yaml'
require_tool node
validator=(node scripts/validators/runner-closure.mjs --inventory scripts/runner-images)
bad=scripts/validators/testdata/runner-closure-invalid.yml
expect_rejected "$bad" "${validator[@]}" "$bad"
run_tool "${validator[@]}" "${files[@]}"
