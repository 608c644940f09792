#!/usr/bin/env bash
# The SIEM path of Falco's detections (scripts/validators/siem.mjs): one Sentinel analytics rule per
# CRITICAL Falco rule with its MITRE tags, Fluent Bit feeding the Logs Ingestion stream from the
# falco container only, and the KQL of the transformation and of the rule queries against the
# published schema of the table they write and read (infra/terraform/security/siem/schemas). A
# self-test proves each rejection. `terraform test` (GitHub CI) asserts the Terraform that wires it.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/policy-selftest.sh
source "$REPO_ROOT/scripts/lib/policy-selftest.sh"
cd "$REPO_ROOT"
require_tool node
rules=kubernetes/security/falco/rules/devsecops-rules.yaml
bad=scripts/validators/testdata/siem-invalid
expect_rejected_dir "$bad" node scripts/validators/siem.mjs --falco "$rules" --fluent-bit "$bad/fluent-bit-values.yaml" "$bad"
run_tool node scripts/validators/siem.mjs --falco "$rules" --fluent-bit observability/fluent-bit/values.yaml infra/terraform/security/siem
