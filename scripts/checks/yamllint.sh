#!/usr/bin/env bash
# yamllint (strict) over every YAML file, with the repository's .yamllint.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
require_tool yamllint
check_files yamllint "YAML files" '*.yml' '*.yaml' '.yamllint'
run_tool yamllint -s -c .yamllint "${files[@]}"
log "yamllint: ${#files[@]} YAML files clean"
