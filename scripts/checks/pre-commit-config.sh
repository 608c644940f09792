#!/usr/bin/env bash
# pre-commit's own validator over security/.pre-commit-config.yaml, and every check a hook names
# (`scripts/validate-assets.sh <check>`) must exist in scripts/checks/.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
config=security/.pre-commit-config.yaml
check_files pre-commit-config "security/.pre-commit-config.yaml" "$config"
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
# Every scanner a hook runs through run-security-tool.sh is pinned in the lock (its install hint works),
# and a missing scanner fails the hook instead of passing it.
mapfile -t scanners < <(sed -n 's/.*entry: bash scripts\/run-security-tool.sh \([^ ]*\).*/\1/p' "$config" | sort -u)
for tool in "${scanners[@]}"; do
  awk -v t="$tool" '!/^#/ && NF == 6 && index(t, $1) == 1 {found = 1} END {exit !found}' scripts/security-tools.lock || {
    fail "$config: a hook runs $tool, which scripts/security-tools.lock does not pin"
    missing=1
  }
done
rc=0
# No Go/PyPI tools directory either: common.sh would put the detect-secrets installed there back on PATH.
out="$(AKS_TOOLS_HOME=/nonexistent PATH=/usr/bin:/bin bash scripts/run-security-tool.sh detect-secrets-hook --version 2>&1)" || rc=$?
if [ "$rc" -ne 1 ] || ! grep -qF "install-security-tools.sh --only detect-secrets" <<<"$out"; then
  fail "scripts/run-security-tool.sh must fail (exit 1) with the install command when the scanner is missing (exit $rc: $out)"
  missing=1
fi
grep -q 'entry: bash scripts/run-security-tool.sh detect-secrets-hook --baseline security/.secrets.baseline' "$config" || {
  fail "$config: no detect-secrets hook against security/.secrets.baseline"
  missing=1
}
run_tool node scripts/validators/secrets-baseline.mjs security/.secrets.baseline "$REPO_ROOT" || missing=1
[ "$missing" -eq 0 ] || exit 1
hooks="$(grep -c '^      - id: ' "$config")"
log "pre-commit-config: $config valid, $hooks hooks, ${#named[@]} named checks exist"
