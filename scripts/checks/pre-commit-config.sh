#!/usr/bin/env bash
# pre-commit's own validator over security/.pre-commit-config.yaml, and every check a hook names
# (`scripts/validate-assets.sh <check>`) must exist in scripts/checks/.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
config=security/.pre-commit-config.yaml
if [ ! -f "$config" ]; then no_files_yet pre-commit-config "security/.pre-commit-config.yaml"; exit 0; fi
require_tool pre-commit
run_tool pre-commit validate-config "$config"
mapfile -t named < <(sed -n 's/.*entry: bash scripts\/validate-assets.sh \(.*\)$/\1/p' "$config" | tr ' ' '\n' | sed '/^$/d' | sort -u)
missing=0
for check in "${named[@]}"; do
  if [ ! -f "scripts/checks/$check.sh" ]; then
    fail "$config: a hook runs check '$check', which scripts/checks/ does not have"
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1
hooks="$(grep -c '^      - id: ' "$config")"
log "pre-commit-config: $config valid, $hooks hooks, ${#named[@]} named checks exist"
