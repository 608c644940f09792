#!/usr/bin/env bash
# Logs that neither leak nor hide (scripts/validators/log-integrity.mjs): the ingress WAF's audit log
# carries no credentials (controller values, as the chart renders them into its ConfigMap, and every
# Ingress), and Fluent Bit drops probe noise by source only and lets only platform namespaces opt
# out. Self-tests prove both halves reject planted bad configurations.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
require_tool node
validator=scripts/validators/log-integrity.mjs
bad=scripts/validators/testdata/waf-rendered-invalid.yaml
expect_rejected "$bad" node "$validator" waf "$bad"
bad=scripts/validators/testdata/fluent-bit-values-invalid.yaml
expect_rejected "$bad" node "$validator" fluent-bit "$bad"
mapfile -t ingresses < <(tracked_files 'kubernetes/*.yaml' | xargs -r grep -l '^kind: Ingress$')
run_tool node "$validator" waf kubernetes/ingress/values.yaml "${ingresses[@]}"
run_tool node "$validator" fluent-bit observability/fluent-bit/values.yaml
