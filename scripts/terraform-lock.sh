#!/usr/bin/env bash
# Provider lock files of the Terraform stacks: `terraform providers lock` for every platform the
# platform's users run (the hashes of each provider package, checked against HashiCorp's signed
# SHA256SUMS by Terraform itself), and, with --propose, the changed lock files proposed as one pull
# request made through the GitHub API (a commit GitHub signs; no git token on disk). Once a stack
# has its lock file, terraform.yml and terraform-ci.sh initialise with -lockfile=readonly.
#
# Usage: scripts/terraform-lock.sh [--propose]
#   --propose   open or update the pull request "terraform: provider lock files" (needs gh, GH_TOKEN,
#               GITHUB_REPOSITORY and GITHUB_SHA, the base commit; contents and pull-requests write)
# Environment: TERRAFORM (default terraform), TF_ROOT (default infra/terraform; TF_REPO_PATH, its path
# in the repository, default infra/terraform), LOCK_BRANCH (default terraform/provider-locks),
# LOCK_BASE (default main).
# Exit codes: 0 done (changed or not), 1 terraform or GitHub failed, 2 invalid usage.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

readonly PLATFORMS=(linux_amd64 linux_arm64 darwin_amd64 darwin_arm64 windows_amd64)
readonly STACKS=(aks security monitoring)
propose=false
case "${1:-}" in
  "") ;;
  --propose) propose=true ;;
  *) usage_exit 8,15 "unknown argument: $1" ;;
esac
tf="${TERRAFORM:-terraform}"
root="${TF_ROOT:-$REPO_ROOT/infra/terraform}"
require_tool "$tf"

platforms=()
for p in "${PLATFORMS[@]}"; do platforms+=("-platform=$p"); done
changed=()
for stack in "${STACKS[@]}"; do
  lock="$root/$stack/.terraform.lock.hcl"
  before="$(sha256sum "$lock" 2>/dev/null | cut -d' ' -f1 || true)"
  TOOL_TIMEOUT=1200 run_tool "$tf" -chdir="$root/$stack" providers lock "${platforms[@]}" >/dev/null || {
    fail "$stack: terraform providers lock failed"
    exit 1
  }
  [ -f "$lock" ] || { fail "$stack: terraform wrote no $lock"; exit 1; }
  if [ "$(sha256sum "$lock" | cut -d' ' -f1)" != "$before" ]; then
    changed+=("$stack")
    log "$stack: lock file written for ${PLATFORMS[*]}"
  else
    log "$stack: lock file unchanged"
  fi
done
[ "$propose" = true ] || exit 0
if [ "${#changed[@]}" -eq 0 ]; then
  log "no lock file changed: nothing to propose"
  exit 0
fi

: "${GITHUB_REPOSITORY:?set GITHUB_REPOSITORY (owner/name)}" "${GITHUB_SHA:?set GITHUB_SHA (the base commit)}"
require_tool gh
repo="$GITHUB_REPOSITORY"
branch="${LOCK_BRANCH:-terraform/provider-locks}"
base="${LOCK_BASE:-main}"
api() { TOOL_TIMEOUT=60 run_tool gh api "$@"; }

# The branch restarts from the base commit each time, so it holds exactly the new lock files.
if api "repos/$repo/git/ref/heads/$branch" >/dev/null 2>&1; then
  api -X PATCH "repos/$repo/git/refs/heads/$branch" -f "sha=$GITHUB_SHA" -F force=true >/dev/null
else
  api "repos/$repo/git/refs" -f "ref=refs/heads/$branch" -f "sha=$GITHUB_SHA" >/dev/null
fi
for stack in "${changed[@]}"; do
  path="${TF_REPO_PATH:-infra/terraform}/$stack/.terraform.lock.hcl"
  current="$(api "repos/$repo/contents/$path?ref=$branch" --jq .sha 2>/dev/null || true)"
  args=(-X PUT "repos/$repo/contents/$path" -f "message=terraform($stack): provider lock file for ${PLATFORMS[*]}"
    -f "branch=$branch" -f "content=$(base64 -w0 "$root/$stack/.terraform.lock.hcl")")
  [ -z "$current" ] || args+=(-f "sha=$current")
  api "${args[@]}" >/dev/null || { fail "could not commit $path to $branch"; exit 1; }
done
existing="$(TOOL_TIMEOUT=60 run_tool gh pr list --repo "$repo" --head "$branch" --base "$base" --state open --json url --jq '.[0].url // ""')"
if [ -n "$existing" ]; then
  log "updated the open pull request: $existing"
  exit 0
fi
body="Provider lock files of ${changed[*]}, written by \`terraform providers lock\` for ${PLATFORMS[*]}.
Once merged, \`terraform init\` runs with \`-lockfile=readonly\`: only these provider packages install."
url="$(TOOL_TIMEOUT=60 run_tool gh pr create --repo "$repo" --base "$base" --head "$branch" \
  --title "terraform: provider lock files" --body "$body")" || { fail "gh could not open the pull request"; exit 1; }
log "proposed: $url"
