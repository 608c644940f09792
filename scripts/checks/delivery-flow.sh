#!/usr/bin/env bash
# The delivery path the workflows wire (scripts/validators/delivery-flow.mjs): production only by
# reviewed pull request, verification before every deploy, the preview smoke test before Rollout
# promotion, every Azure login the identity docs/fork/identities.yaml gives the job's environment,
# nothing pushed to main, main deployed only by an approved job's manual sync, no signing on pushed
# tags, provenance demanded by the admission policy, every cosign sign/attest/verify in the
# tag-based format and no test-only signing option, every variable and secret documented, DAST on
# an ephemeral kind deployment that can start there. A self-test proves it can fail.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
require_tool node
require_tool kubectl
validator=scripts/validators/delivery-flow.mjs
rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
run_tool kubectl kustomize kubernetes/apps/devsecops-app/ephemeral >"$rendered"
bad=scripts/validators/testdata/delivery-flow-invalid
want="$(sed -n '1s/.*expect-problems: \([0-9]*\).*/\1/p' "$bad.yml")"
expect_problems "$want" "$bad" node "$validator" --readme README.md \
  --overlay "$bad-overlay.yaml" --policy "$bad-policy.yaml" --dast "$bad-dast.yml" --dast-render "$bad-dast-render.yaml" \
  --identities "$bad-identities.yaml" --applications "$bad-applications" --appproject "$bad-appproject.yaml" "$bad.yml"
mapfile -t workflows < <(tracked_files '.github/workflows/*.yml' '.github/workflows/*.yaml')
run_tool node "$validator" --readme README.md \
  --overlay kubernetes/apps/devsecops-app/overlays/production/kustomization.yaml \
  --policy kubernetes/security/kyverno/policies/verify-image-signatures/policy.yaml \
  --dast .github/workflows/dast.yml --dast-render "$rendered" --identities docs/fork/identities.yaml \
  --applications kubernetes/argocd/applications --appproject kubernetes/argocd/appproject.yaml "${workflows[@]}"
