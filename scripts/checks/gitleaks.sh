#!/usr/bin/env bash
# gitleaks (directory mode) with the repository's rules over every tracked file.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
require_tool gitleaks
mapfile -t files < <(tracked_files '.')
stage="$REPO_ROOT/target/gitleaks-tree"
rm -rf "$stage" && mkdir -p "$stage"
# Scan a copy of exactly the tracked files, so build output and node_modules are not scanned.
tar -C "$REPO_ROOT" -cf - "${files[@]}" | tar -C "$stage" -xf -
report="$REPO_ROOT/target/gitleaks-report.json"
if ! run_tool "$NODE_BIN/gitleaks" dir --no-banner --redact -c security/.gitleaks.toml -r "$report" "$stage"; then
  fail "gitleaks found secrets (redacted report: target/gitleaks-report.json)"
  exit 1
fi
log "gitleaks: ${#files[@]} files, no secrets"
