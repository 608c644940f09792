#!/usr/bin/env bash
# Kyverno policies, exceptions and `kyverno test` suites checked structurally against the Kyverno 1.14
# API (scripts/validators/kyverno-structure.mjs), including the policies as patched by the overlays;
# a self-test proves it rejects namespace-wide and unowned exceptions and a half-patched overlay.
# `kyverno test` itself runs the suites in the kyverno-test check (offline, all but the signature
# suite) and in .github/workflows/policy-tests.yml (every suite).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
dir=kubernetes/security/kyverno/policies
check_files kyverno-structure "Kyverno policies" "$dir/*.yaml"
require_tool node
bash "$REPO_ROOT/scripts/checks/kustomize.sh" >/dev/null
mapfile -t rendered < <(grep -l '^apiVersion: kyverno.io/' target/rendered/*.yaml 2>/dev/null | sort)
bad=scripts/validators/testdata/kyverno-exceptions-invalid.yaml
expect_rejected "$bad" node scripts/validators/kyverno-structure.mjs "$dir" "$bad"
run_tool node "$REPO_ROOT/scripts/validators/kyverno-structure.mjs" "$dir" "${rendered[@]}"
