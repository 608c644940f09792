#!/usr/bin/env bash
# Plans (and, for apply, applies) the three Terraform stacks of one environment in the bootstrap's
# order, aks first: security and monitoring receive the aks outputs as -var, as the bootstrap passes
# them. Used by .github/workflows/terraform.yml for the pull-request plan, the apply on merge and the
# nightly drift check.
#
# Usage: scripts/terraform-ci.sh plan|apply ENV OUT_DIR
#   plan   terraform plan -detailed-exitcode per stack; OUT_DIR/<stack>.json holds
#          `terraform show -json` of the plan and OUT_DIR/<stack>.exitcode 0 (no change), 2 (changes)
#          or "skipped" (the aks outputs it needs do not exist yet)
#   apply  the same, then terraform apply of each saved plan that has changes, in order
# Environment: TERRAFORM (default terraform), TF_ROOT (default infra/terraform).
# Exit codes: 0 done (changes or not), 1 a terraform step failed, 2 invalid usage.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
usage_error() { usage_exit 7,11 "$1"; }

[ "$#" -eq 3 ] || usage_error "expected MODE ENV OUT_DIR"
mode="$1" env_name="$2" out="$3"
case "$mode" in plan | apply) ;; *) usage_error "unknown mode: $mode" ;; esac
[[ "$env_name" =~ ^[a-z][a-z0-9-]*$ ]] || usage_error "invalid environment: $env_name"
tf="${TERRAFORM:-terraform}"
root="${TF_ROOT:-$REPO_ROOT/infra/terraform}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# Values each stack receives from the aks outputs (TerraformStacksContractTest holds the same list).
declare -A FROM_AKS=(
  [aks]=""
  [security]="resource_group_name cluster_id oidc_issuer_url log_analytics_workspace_id"
  [monitoring]="resource_group_name cluster_id oidc_issuer_url log_analytics_workspace_id"
)

terraform_in() { # terraform_in STACK ARGS...
  local stack="$1"
  shift
  TOOL_TIMEOUT=1800 run_tool "$tf" -chdir="$root/$stack" "$@"
}

aks_outputs="{}"
for stack in aks security monitoring; do
  dir="$root/$stack"
  [ -f "$dir/environments/$env_name.tfvars" ] || usage_error "$dir/environments/$env_name.tfvars does not exist"
  log "==> $stack ($env_name): init"
  # With a committed lock file (scripts/terraform-lock.sh), only the locked provider packages install.
  lockfile=()
  [ ! -f "$dir/.terraform.lock.hcl" ] || lockfile=(-lockfile=readonly)
  terraform_in "$stack" init -input=false -no-color -reconfigure -backend-config="environments/$env_name.backend.hcl" "${lockfile[@]}" >/dev/null || {
    fail "$stack: terraform init failed"
    exit 1
  }
  vars=(-var-file="environments/$env_name.tfvars")
  missing=""
  for name in ${FROM_AKS[$stack]}; do
    value="$(jq -r --arg n "$name" '.[$n].value // empty' <<<"$aks_outputs")"
    if [ -z "$value" ]; then missing+=" $name"; else vars+=(-var "$name=$value"); fi
  done
  if [ -n "$missing" ]; then
    warn "$stack: skipped, the aks outputs$missing do not exist yet (apply aks first)"
    echo skipped >"$out/$stack.exitcode"
    continue
  fi
  log "==> $stack ($env_name): plan"
  rc=0
  terraform_in "$stack" plan -input=false -no-color -lock-timeout=5m -detailed-exitcode "${vars[@]}" -out="$out/$stack.tfplan" \
    >"$out/$stack.plan.txt" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
    fail "$stack: terraform plan failed (exit $rc)"
    tail -n 20 "$out/$stack.plan.txt" >&2
    exit 1
  fi
  echo "$rc" >"$out/$stack.exitcode"
  terraform_in "$stack" show -json "$out/$stack.tfplan" >"$out/$stack.json" || {
    fail "$stack: terraform show -json failed"
    exit 1
  }
  if [ "$mode" = apply ] && [ "$rc" -eq 2 ]; then
    log "==> $stack ($env_name): apply"
    terraform_in "$stack" apply -input=false -no-color -lock-timeout=5m "$out/$stack.tfplan" || {
      fail "$stack: terraform apply failed"
      exit 1
    }
  fi
  if [ "$stack" = aks ]; then
    aks_outputs="$(terraform_in aks output -json)" || aks_outputs="{}"
  fi
done
log "terraform $mode ($env_name): $(for s in aks security monitoring; do printf '%s=%s ' "$s" "$(cat "$out/$s.exitcode")"; done)"
