#!/usr/bin/env bash
# Structural check of the Loki, Tempo, Fluent Bit and OpenTelemetry Collector chart values
# (scripts/validators/telemetry-config.mjs). The tools themselves cannot run here; their own config
# checks run in .github/workflows/observability-tools.yml.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
check_files telemetry-config "Loki/Tempo/Fluent Bit/OTel Collector values" observability/loki/values.yaml observability/tempo/values.yaml \
  observability/fluent-bit/values.yaml observability/otel-collector/values.yaml
if [ "${#files[@]}" -ne 4 ]; then fail "telemetry-config: expected 4 values files, found: ${files[*]}"; exit 1; fi
require_tool node
run_tool node scripts/validators/telemetry-config.mjs "$REPO_ROOT"
