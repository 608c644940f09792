#!/usr/bin/env bash
# docs/fork/identities.yaml against what it describes (scripts/validators/fork-identities.mjs):
# main-only environments, reviewers wherever an identity writes, production scopes for production
# identities only, no bypass of the main ruleset; README.md's generated identity block; the scopes
# resolved from the environment and backend files; the verify identity's Kubernetes rights equal to
# kubernetes/verify-access; CODEOWNERS. A self-test proves each rejection.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
require_tool node
# The rendered kubernetes/verify-access, as the kustomize check writes it.
bash "$REPO_ROOT/scripts/checks/kustomize.sh" >/dev/null
rendered=target/rendered/kubernetes_verify-access.yaml
bad=scripts/validators/testdata/fork-identities-invalid
expect_rejected_dir "$bad" node scripts/validators/fork-identities.mjs --file "$bad/identities.yaml" --readme "$bad/README.md" \
  --codeowners "$bad/CODEOWNERS" --rendered "$bad/verify-access.yaml" --repo .
run_tool node scripts/validators/fork-identities.mjs --file docs/fork/identities.yaml --readme README.md \
  --codeowners .github/CODEOWNERS --rendered "$rendered" --repo .
