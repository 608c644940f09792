#!/usr/bin/env bash
# yamllint (strict) over every YAML file, with the repository's .yamllint.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
require_tool yamllint
mapfile -t files < <(tracked_files '*.yml' '*.yaml' '.yamllint')
if [ "${#files[@]}" -eq 0 ]; then no_files_yet yamllint "YAML files"; exit 0; fi
run_tool yamllint -s -c .yamllint "${files[@]}"
log "yamllint: ${#files[@]} YAML files clean"
