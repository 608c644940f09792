#!/usr/bin/env bash
# @grafana/schema + tsc --noEmit --strict over every dashboard in observability/grafana/dashboards
# (scripts/validators/grafana-dashboards.mjs).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
mapfile -t files < <(tracked_files 'observability/grafana/dashboards/*.json')
if [ "${#files[@]}" -eq 0 ]; then no_files_yet grafana-schema "dashboards"; exit 0; fi
require_tool node
require_tool tsc
run_tool node scripts/validators/grafana-dashboards.mjs "$REPO_ROOT" "$REPO_ROOT/target/grafana-schema"
