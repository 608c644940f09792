#!/usr/bin/env bash
# Structural check of the Loki, Tempo, Fluent Bit and OpenTelemetry Collector chart values
# (scripts/validators/telemetry-config.mjs). The tools themselves cannot run here; their own config
# checks run in .github/workflows/observability-tools.yml.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
check_files telemetry-config "Loki/Tempo/Fluent Bit/OTel Collector values" observability/loki/values.yaml observability/tempo/values.yaml \
  observability/fluent-bit/values.yaml observability/otel-collector/values.yaml
if [ "${#files[@]}" -ne 4 ]; then fail "telemetry-config: expected 4 values files, found: ${files[*]}"; exit 1; fi
require_tool node
# Self-test: the same four files with Loki's canary writing to stdout instead of pushing, and the
# stream label taken out of Fluent Bit's Loki label map, must be rejected once at each file: the
# canary would find none of its lines (no stream label, and JSON records it cannot read).
planted="$(mktemp -d)"
trap 'rm -rf "$planted"' EXIT
for f in "${files[@]}"; do
  mkdir -p "$planted/$(dirname "$f")"
  cp "$f" "$planted/$f"
done
sed -i 's/^  push: true$/  push: false/' "$planted/observability/loki/values.yaml"
sed -i '/^ *"stream": "stream",$/d' "$planted/observability/fluent-bit/values.yaml"
expect_problems 1 "observability/fluent-bit/values.yaml:" node scripts/validators/telemetry-config.mjs "$planted"
expect_problems 1 "observability/loki/values.yaml:" node scripts/validators/telemetry-config.mjs "$planted"
run_tool node scripts/validators/telemetry-config.mjs "$REPO_ROOT"
