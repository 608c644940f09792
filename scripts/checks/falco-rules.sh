#!/usr/bin/env bash
# Falco rules files checked structurally (scripts/validators/falco-rules.mjs): known keys, priorities,
# macros and lists defined and used, MITRE tags, the seed detections, and exemptions by workload
# identity only; a self-test proves it rejects namespace-wide exemptions. `falco -V` runs in
# .github/workflows/policy-tests.yml.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
check_files falco-rules "Falco rules files" 'kubernetes/security/falco/rules/*.yaml'
require_tool node
bad=scripts/validators/testdata/falco-rules-invalid.yaml
expect_rejected "$bad" node scripts/validators/falco-rules.mjs "${files[@]}" "$bad"
run_tool node "$REPO_ROOT/scripts/validators/falco-rules.mjs" "${files[@]}"
