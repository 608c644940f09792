#!/usr/bin/env bash
# What terraform validate/test would reject in infra/terraform, without the azurerm provider
# (scripts/validators/terraform-stacks.mjs): shared versions.tf and conventions.tf linked by every
# stack, no deprecated provider argument, no provider-filled block read by index. A self-test proves
# the check rejects a planted bad stack.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
require_tool node
bad=scripts/validators/testdata/terraform-stacks-invalid
want="$(sed -n 's/.*(expect-problems: \([0-9]*\)).*/\1/p' "$bad/README.md")"
rc=0
out="$(run_tool node scripts/validators/terraform-stacks.mjs "$bad" bad 2>&1)" || rc=$?
got="$(grep -c "^$bad/bad/[^:]*:[0-9]*: " <<<"$out" || true)"
if [ "$rc" -ne 1 ] || [ "$got" -ne "${want:-0}" ]; then
  fail "self-test: $bad should be rejected with ${want:-?} problems (exit $rc, $got problems)"
  printf '%s\n' "$out" >&2
  exit 1
fi
mapfile -t stacks < <(find infra/terraform -mindepth 1 -maxdepth 1 -type d ! -name shared -printf '%f\n' | sort)
run_tool node scripts/validators/terraform-stacks.mjs infra/terraform "${stacks[@]}"
