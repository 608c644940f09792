#!/usr/bin/env bash
# @grafana/schema + tsc --noEmit --strict over every dashboard in observability/grafana/dashboards
# (scripts/validators/grafana-dashboards.mjs).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
check_files grafana-schema "dashboards" 'observability/grafana/dashboards/*.json'
require_tool node
require_tool tsc
run_tool node scripts/validators/grafana-dashboards.mjs "$REPO_ROOT" "$REPO_ROOT/target/grafana-schema"
