#!/usr/bin/env bash
# amtool over observability/alertmanager: `check-config`, then `config routes test` for every case
# in tests/routes.yaml (expected receivers verified); a route without a case fails the check.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
config=observability/alertmanager/alertmanager.yaml
cases=observability/alertmanager/tests/routes.yaml
check_files amtool "observability/alertmanager" "$config"
require_tool amtool
require_tool node
run_tool amtool check-config "$config"
plan="$(run_tool node scripts/validators/alertmanager-routes.mjs "$config" "$cases")"
count=0
failed=0
while IFS=$'\t' read -r -a fields; do
  receivers="${fields[0]}"
  labels=("${fields[@]:1}")
  if ! got="$(run_tool amtool config routes test --config.file="$config" --verify.receivers="$receivers" "${labels[@]}" 2>&1)"; then
    fail "$cases: ${labels[*]} -> expected $receivers, got: $got"
    failed=$((failed + 1))
  fi
  count=$((count + 1))
done <<<"$plan"
[ "$failed" -eq 0 ] || exit 1
log "amtool: $config valid; $count routing cases pass, every route covered"
