#!/usr/bin/env bash
# gitleaks (directory mode) with the repository's rules over every tracked file; a self-test first
# proves the detect-secrets baseline allowlist lets only its hashes through.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
require_tool gitleaks
require_tool jq
mapfile -t files < <(tracked_files '.')
# Self-test of the baseline allowlist: in a detect-secrets baseline, a hashed_secret entry is let
# through but a random key-like value on the next line (made here, never committed) is reported.
probe="$REPO_ROOT/target/gitleaks-baseline-probe"
rm -rf "$probe" && mkdir -p "$probe/security"
key="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
printf '        "hashed_secret": "%s",\n        "api_key": "%s",\n' "${key:0:40}" "${key:8:40}" >"$probe/security/.secrets.baseline"
rc=0
run_tool "$NODE_BIN/gitleaks" dir --no-banner --redact --log-level error -c security/.gitleaks.toml -r "$probe/report.json" "$probe" || rc=$?
lines="$(jq -r '[.[] | select(.RuleID == "generic-api-key") | .StartLine] | sort | map(tostring) | join(",")' "$probe/report.json" 2>/dev/null || true)"
if [ "$rc" -ne 1 ] || [ "$lines" != "2" ]; then
  fail "self-test: in a detect-secrets baseline gitleaks must report the planted key (line 2) and only it (exit $rc, generic-api-key on lines: ${lines:-none})"
  exit 1
fi
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
