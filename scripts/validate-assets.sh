#!/usr/bin/env bash
# The one asset validation entry point. The test command, pre-commit and the GitHub workflows
# all call this script; the checks themselves live in scripts/checks/, one real upstream
# validator each, so adding a validator means adding one file there.
#
# Usage: scripts/validate-assets.sh [--list] [CHECK...]
#   CHECK  a file name in scripts/checks/ without .sh (default: all of them)
set -uo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

checks_dir="$REPO_ROOT/scripts/checks"
mapfile -t all < <(find "$checks_dir" -maxdepth 1 -name '*.sh' -printf '%f\n' | sed 's/\.sh$//' | sort)

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${all[@]}"
  exit 0
fi

selected=("$@")
[ "${#selected[@]}" -gt 0 ] || selected=("${all[@]}")

passed=0
failed=0
failed_names=()
for name in "${selected[@]}"; do
  script="$checks_dir/$name.sh"
  if [ ! -f "$script" ]; then
    fail "no such check: $name (see --list)"
    failed=$((failed + 1))
    failed_names+=("$name")
    continue
  fi
  log "==> $name"
  if bash "$script"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failed_names+=("$name")
  fi
done

if [ "$failed" -gt 0 ]; then
  log "failed checks: ${failed_names[*]}"
fi
log "asset checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
