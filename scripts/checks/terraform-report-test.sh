#!/usr/bin/env bash
# Tests the Terraform pipeline helpers offline:
#   lib/terraform-report.mjs  the plan report and the drift-issue decisions, from recorded
#                             `terraform show -json` plans (validators/testdata/terraform-plans);
#   terraform-ci.sh           the per-stack plan/apply loop, against a fake terraform that records
#                             its arguments, answers plans with chosen exit codes and serves aks outputs.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=terraform-report-test
require_tool node || exit 1
require_tool jq || exit 1

plans="$REPO_ROOT/scripts/validators/testdata/terraform-plans"
report="$REPO_ROOT/scripts/lib/terraform-report.mjs"
use_workdir
run() { rc=0; out="$("$@" 2>&1)" || rc=$?; }
not_has() { ! grep -qF -- "$1" <<<"$out"; }

# ---------------------------------------------------------------- the plan report
run node "$report" comment --env staging "$plans/changes"
check "comment: exit 0" test "$rc" -eq 0
check "comment: one marker per environment, so the workflow edits the same comment" \
  test "$(head -n 1 <<<"$out")" = "<!-- terraform-plan:staging -->"
check "comment: aks counts (1 add, 1 change, 1 replace, 0 destroy, 1 drifted)" has_output "| aks | 1 | 1 | 1 | 0 | 1 |"
check "comment: security counts" has_output "| security | 0 | 1 | 0 | 0 | 0 |"
check "comment: a stack without aks outputs says it was not planned" has_output "| monitoring | — | — | — | — | not planned"
check "comment: an update names what changes" has_output "\`sku_tier: \"Free\" → \"Standard\"\`"
check "comment: unchanged attributes are left out" not_has "tags:"
check "comment: a sensitive attribute is masked" has_output "\`kube_admin_config_raw: (sensitive) → (sensitive)\`"
check "comment: no sensitive value reaches the comment" not_has "SECRET-KUBECONFIG"
check "comment: a replacement is named" has_output "- replace \`azurerm_role_assignment.kubelet_acr_pull\`"
check "comment: drift outside Terraform is named" has_output "changed outside Terraform: \`azurerm_container_registry.this\`"
check "comment: no-op resources are not listed" not_has "azurerm_resource_group.this"
run node "$report" comment --env production "$plans/clean"
check "comment (clean): every stack at zero" test "$(grep -c '| 0 | 0 | 0 | 0 | 0 |' <<<"$out")" -eq 3
check "comment (clean): no details" not_has "<details>"

# ---------------------------------------------------------------- drift issues
echo '[]' >"$work/none.json"
echo '[{"number": 41, "title": "Terraform drift: aks (staging)"}, {"number": 42, "title": "Terraform drift: monitoring (staging)"}]' >"$work/open.json"
run node "$report" drift --env staging --issues "$work/none.json" "$plans/changes"
check "drift: exit 0" test "$rc" -eq 0
check "drift: one new issue per drifted stack" test "$(jq -s 'map(select(.action == "open")) | length' <<<"$out")" -eq 2
check "drift: issue titled by stack and environment" \
  test "$(jq -rs 'map(.title) | sort | join(",")' <<<"$out")" = "Terraform drift: aks (staging),Terraform drift: security (staging)"
check "drift: no sensitive value in an issue" not_has "SECRET-KUBECONFIG"
check "drift: a stack that was not planned opens nothing" not_has "monitoring"
run node "$report" drift --env staging --issues "$work/open.json" "$plans/changes"
check "drift: an open issue of a still-drifted stack is updated, not duplicated" \
  test "$(jq -c 'select(.action == "update") | .number' <<<"$out")" = "41"
check "drift: an open issue of a stack not planned this time is left alone" test "$(jq -s 'map(select(.number == 42)) | length' <<<"$out")" -eq 0
run node "$report" drift --env staging --issues "$work/open.json" "$plans/clean"
check "drift gone: the stack's issue is closed with a comment" \
  test "$(jq -c 'select(.action == "close") | .number' <<<"$out" | sort | tr '\n' ' ')" = "41 42 "
check "drift gone: nothing opened" test "$(jq -s 'map(select(.action == "open")) | length' <<<"$out")" -eq 0
run node "$report" drift --env staging "$plans/clean"
check "drift without --issues: usage error (exit 2)" test "$rc" -eq 2
mkdir -p "$work/broken" && echo 2 >"$work/broken/aks.exitcode" && echo '{not json' >"$work/broken/aks.json"
run node "$report" comment --env staging "$work/broken"
check "unreadable plan: exit 1 naming the file" test "$rc" -eq 1 -a -n "$(grep -F "$work/broken/aks.json" <<<"$out")"

# ---------------------------------------------------------------- terraform-ci.sh with a fake terraform
mkdir -p "$work/bin" "$work/tf"
for s in aks security monitoring; do
  mkdir -p "$work/tf/$s/environments"
  : >"$work/tf/$s/environments/staging.tfvars"
done
cat >"$work/bin/terraform" <<'FAKE'
#!/usr/bin/env bash
# -chdir=DIR CMD ... : records "<stack> <args>"; plan exits with $FAKE_PLAN_<STACK> (default 0);
# output -json prints $FAKE_AKS_OUTPUTS; show -json prints a minimal plan.
stack="$(basename "${1#-chdir=}")"
shift
printf '%s %s\n' "$stack" "$*" >>"$FAKE_CALLS"
case "$1" in
  plan) var="FAKE_PLAN_${stack^^}"; exit "${!var:-0}" ;;
  show) echo '{"format_version":"1.2","resource_changes":[]}' ;;
  output) echo "${FAKE_AKS_OUTPUTS:-{\}}" ;;
esac
exit 0
FAKE
chmod +x "$work/bin/terraform"
outputs='{"resource_group_name":{"value":"rg-x"},"cluster_id":{"value":"/sub/aks"},"oidc_issuer_url":{"value":"https://issuer"},"log_analytics_workspace_id":{"value":"/sub/law"}}'
ci() { # ci MODE ENV [VAR=VALUE...]
  local mode="$1" envname="$2"
  shift 2
  : >"$work/calls"
  rm -rf "$work/out"
  rc=0
  out="$(env "$@" FAKE_CALLS="$work/calls" TERRAFORM="$work/bin/terraform" TF_ROOT="$work/tf" \
    bash "$REPO_ROOT/scripts/terraform-ci.sh" "$mode" "$envname" "$work/out" 2>&1)" || rc=$?
}
assert_context() { printf 'terraform calls:\n%s\n' "$(cat "$work/calls")"; }
ci plan staging FAKE_PLAN_AKS=2 FAKE_AKS_OUTPUTS="$outputs"
check "ci plan: exit 0 with changes" test "$rc" -eq 0
check "ci plan: stacks in the bootstrap's order" test "$(grep ' plan ' "$work/calls" | cut -d' ' -f1 | tr '\n' ' ')" = "aks security monitoring "
check "ci plan: backend of the environment" grep -q "^aks init -input=false -no-color -reconfigure -backend-config=environments/staging.backend.hcl" "$work/calls"
check "ci plan: detailed exit codes recorded" test "$(cat "$work/out/aks.exitcode") $(cat "$work/out/security.exitcode")" = "2 0"
check "ci plan: security gets the aks outputs as -var" \
  grep -q "^security plan .*-var resource_group_name=rg-x -var cluster_id=/sub/aks -var oidc_issuer_url=https://issuer -var log_analytics_workspace_id=/sub/law" "$work/calls"
check "ci plan: monitoring gets only the four it declares" grep -q "^monitoring plan .*-var resource_group_name=rg-x -var cluster_id=/sub/aks -var oidc_issuer_url=https://issuer -var log_analytics_workspace_id=/sub/law -out" "$work/calls"
check "ci plan: plan JSON written per stack" test -s "$work/out/monitoring.json"
check "ci plan: nothing applied" test "$(grep -c ' apply ' "$work/calls")" -eq 0
ci apply staging FAKE_PLAN_AKS=2 FAKE_PLAN_MONITORING=2 FAKE_AKS_OUTPUTS="$outputs"
check "ci apply: exit 0" test "$rc" -eq 0
check "ci apply: applies exactly the saved plans with changes" test "$(grep ' apply ' "$work/calls" | cut -d' ' -f1 | tr '\n' ' ')" = "aks monitoring "
check "ci apply: applies the saved plan file" grep -q "^aks apply -input=false -no-color -lock-timeout=5m $work/out/aks.tfplan" "$work/calls"
ci plan staging FAKE_PLAN_AKS=2
check "ci plan without aks outputs: exit 0" test "$rc" -eq 0
check "ci plan without aks outputs: dependants skipped, not planned with empty values" \
  test "$(cat "$work/out/security.exitcode") $(grep -c '^security plan' "$work/calls")" = "skipped 0"
ci plan staging FAKE_PLAN_AKS=1
check "ci plan: a failing plan fails (exit 1)" test "$rc" -eq 1
check "ci plan: the failing stack is named" has_output "aks: terraform plan failed (exit 1)"
ci plan qa
check "ci plan: an environment without variable files is a usage error" test "$rc" -eq 2

finish "recorded plans in validators/testdata/terraform-plans, fake terraform"
