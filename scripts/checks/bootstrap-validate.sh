#!/usr/bin/env bash
# bootstrap validate over the whole repository: every catalog entry's files exist and parse, values
# files belong to pinned charts, namespaces exist in kubernetes/base, NetworkPolicy selectors match
# workloads, and the Terraform stacks expose what the catalog consumes; then every environment is
# rendered (charts from $BOOTSTRAP_CHART_MIRROR when set, see lib/common.sh) and the whole platform
# is checked: admission, custom resource schemas, placeholders, telemetry (every metric a rule or
# dashboard reads is exported and scraped, every rule window within retention). Exit 2 names file:line.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
require_tool java
jar="$(bootstrap_jar)"
TOOL_TIMEOUT=600 run_tool java -jar "$jar" validate
