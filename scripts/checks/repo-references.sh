#!/usr/bin/env bash
# References that must stay true (scripts/validators/repo-references.mjs): every alert's runbook_url
# is a runbook of docs/runbooks/ with its four sections, and every repository path named in a README
# (*.md) or a YAML comment exists. A self-test proves it rejects planted dead references.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
require_tool node
bad=scripts/validators/testdata/repo-references-invalid
expect_rejected_dir "$bad" node scripts/validators/repo-references.mjs "$REPO_ROOT" "$bad/README.md" "$bad/rules.yaml"
# The planted inputs are the only files that may name what does not exist.
mapfile -t files < <(tracked_files '*.md' '*.yaml' '*.yml' | grep -v '^scripts/validators/testdata/')
run_tool node scripts/validators/repo-references.mjs "$REPO_ROOT" "${files[@]}"
