#!/usr/bin/env bash
# Runs shellcheck on every shell script in scripts/ and on the CI entry point.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
require_tool shellcheck
check_files shellcheck "shell scripts" 'scripts/*.sh' '.ci/run' '*.sh'
run_tool shellcheck -x -P SCRIPTDIR -S style "${files[@]}"
log "shellcheck: ${#files[@]} shell scripts clean"
