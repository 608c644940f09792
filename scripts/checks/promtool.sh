#!/usr/bin/env bash
# promtool over observability/prometheus: `check config` on the prometheus.yml derived from the chart
# values (scrape job, relabelling, remote-write), `check rules` on every PrometheusRule's .spec, and
# `test rules` on the unit tests in observability/prometheus/tests (every alert firing and silent).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
check_files promtool "observability/prometheus" 'observability/prometheus/*.yaml'
require_tool promtool
require_tool node
out="$REPO_ROOT/target/promtool"
rm -rf "$out"
run_tool node scripts/validators/prometheus-assets.mjs "$REPO_ROOT" "$out"
cd "$out"
mapfile -t rules < <(find . -maxdepth 1 -name '*.rules.yaml' -printf '%f\n' | sort)
mapfile -t tests < test-files.txt
run_tool promtool check config prometheus.yml
run_tool promtool check rules "${rules[@]}"
run_tool promtool test rules "${tests[@]}"
log "promtool: config valid, ${#rules[@]} rule files valid, ${#tests[@]} unit test files pass (${#files[@]} files in observability/prometheus)"
