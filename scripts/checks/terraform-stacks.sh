#!/usr/bin/env bash
# What terraform validate/test would reject in infra/terraform, without the azurerm provider
# (scripts/validators/terraform-stacks.mjs): shared versions.tf and conventions.tf linked by every
# stack, no deprecated provider argument, no provider-filled block read by index. A self-test proves
# the check rejects a planted bad stack.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
require_tool node
bad=scripts/validators/testdata/terraform-stacks-invalid
expect_rejected_dir "$bad" node scripts/validators/terraform-stacks.mjs "$bad" bad
mapfile -t stacks < <(find infra/terraform -mindepth 1 -maxdepth 1 -type d ! -name shared -printf '%f\n' | sort)
run_tool node scripts/validators/terraform-stacks.mjs infra/terraform "${stacks[@]}"
