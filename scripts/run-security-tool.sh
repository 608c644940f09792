#!/usr/bin/env bash
# Runs a scanner that scripts/install-security-tools.sh installs (pinned), for the pre-commit hooks
# of security/.pre-commit-config.yaml. A missing scanner fails the hook with the command that
# installs it: a hook that could not run must never look as if it had passed.
#
# Usage: scripts/run-security-tool.sh TOOL [ARGS...]
set -uo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

if [ "$#" -lt 1 ]; then
  fail "usage: scripts/run-security-tool.sh TOOL [ARGS...]"
  exit 2
fi
tool="$1"
if ! command -v "$tool" >/dev/null 2>&1; then
  # The lock names the package (detect-secrets) for an executable it provides (detect-secrets-hook).
  package="$(awk -v t="$tool" '!/^#/ && NF == 6 && index(t, $1) == 1 {print $1; exit}' "$REPO_ROOT/scripts/security-tools.lock")"
  fail "$tool is not installed: bash scripts/install-security-tools.sh --only ${package:-$tool} (pinned in scripts/security-tools.lock)"
  exit 1
fi
run_tool "$@"
