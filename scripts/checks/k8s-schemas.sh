#!/usr/bin/env bash
# Schema validation of every rendered kustomization (target/rendered/, written by the kustomize check)
# and of the manifests no kustomization includes (Kyverno test resources), against the upstream
# OpenAPI schemas in kubernetes-models and its CRD packages (scripts/validators/k8s-schemas.mjs).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
require_tool node
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
expect_rejected scripts/validators/testdata/k8s-schemas-invalid.yaml \
  node "$REPO_ROOT/scripts/validators/k8s-schemas.mjs" scripts/validators/testdata/k8s-schemas-invalid.yaml
# Render first so this check never validates a stale render.
bash "$REPO_ROOT/scripts/checks/kustomize.sh" >/dev/null
mapfile -t rendered < <(find target/rendered -maxdepth 1 -name '*.yaml' -size +0 2>/dev/null | sort)
mapfile -t loose < <(tracked_files 'kubernetes/security/kyverno/policies/*/good.yaml' 'kubernetes/security/kyverno/policies/*/bad.yaml')
files=("${rendered[@]}" "${loose[@]}")
if [ "${#files[@]}" -eq 0 ]; then no_files_yet k8s-schemas "rendered manifests"; exit 0; fi
run_tool node "$REPO_ROOT/scripts/validators/k8s-schemas.mjs" "${files[@]}"
