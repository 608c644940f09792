#!/usr/bin/env bash
# bootstrap validate over the whole repository: every catalog entry's files exist and parse, values
# files belong to pinned charts, namespaces exist in kubernetes/base, NetworkPolicy selectors match
# workloads, and the Terraform stacks expose what the catalog consumes. Exit 2 names file:line.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
require_tool java
jar="$(bootstrap_jar)"
TOOL_TIMEOUT=120 run_tool java -jar "$jar" validate
