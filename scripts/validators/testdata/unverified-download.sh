#!/usr/bin/env bash
# Planted bad input of scripts/checks/workflow-policy.sh: a script that fetches a binary and never
# checks its SHA-256. A privileged workflow job that runs it must be rejected.
set -euo pipefail
curl --fail --silent --location -o "$RUNNER_TEMP/tool" "https://example.com/tool-linux-amd64"
chmod 0755 "$RUNNER_TEMP/tool"
