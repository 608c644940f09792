#!/usr/bin/env bash
# kubectl kustomize renders every kustomization (bases and per-environment overlays).
# Rendered output goes to target/rendered/ for the schema and policy checks that follow.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
check_files kustomize "kustomizations" 'kubernetes/*kustomization.yaml' 'observability/*kustomization.yaml' 'app/*kustomization.yaml'
require_tool kubectl
out="$REPO_ROOT/target/rendered"
mkdir -p "$out"
failed=0
for f in "${files[@]}"; do
  dir="$(dirname "$f")"
  name="$(printf '%s' "$dir" | tr '/' '_')"
  if ! run_tool kubectl kustomize "$dir" >"$out/$name.yaml" 2>"$out/$name.err"; then
    fail "kustomize $dir: $(cat "$out/$name.err")"
    failed=1
  fi
done
[ "$failed" -eq 0 ] || exit 1
log "kustomize: ${#files[@]} kustomizations rendered into target/rendered/"
