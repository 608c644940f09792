#!/usr/bin/env bash
# Runs a scanner that developers install with scripts/install-security-tools.sh; when it is not
# installed, says so and exits 0, because the same scanner runs, pinned, in the GitHub workflows.
# Used by security/.pre-commit-config.yaml for tools that cannot be installed on every machine.
#
# Usage: scripts/run-optional-tool.sh TOOL [ARGS...]
set -uo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

if [ "$#" -lt 1 ]; then
  fail "usage: scripts/run-optional-tool.sh TOOL [ARGS...]"
  exit 2
fi
tool="$1"
if ! command -v "$tool" >/dev/null 2>&1; then
  log "SKIPPED: $tool is not installed here (scripts/install-security-tools.sh installs it); the GitHub workflows run it"
  exit 0
fi
run_tool "$@"
