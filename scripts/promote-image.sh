#!/usr/bin/env bash
# GitOps promotion: pins IMAGE@DIGEST in kubernetes/apps/devsecops-app/overlays/ENV/kustomization.yaml,
# commits and pushes the change to the checked-out branch; Argo CD deploys from that commit.
#
# Usage: scripts/promote-image.sh ENV IMAGE DIGEST
#   ENV     an overlay under kubernetes/apps/devsecops-app/overlays/ (staging, production)
#   IMAGE   <registry>/<repository>, e.g. myacr.azurecr.io/devsecops-app
#   DIGEST  sha256:<64 hex>, the signed and scanned digest
# Environment: PROMOTE_REMOTE (default origin); GIT_PUSH_TOKEN (optional: a token for an https
# remote, handed to git through environment configuration for the push only, so the checkout keeps
# no credentials). In GitHub Actions the resulting commit is written
# to $GITHUB_OUTPUT as revision=<sha> (argocd-deploy.sh waits for it). Exit codes: 0 pinned (or
# already pinned), 1 edit/commit/push failed, 2 invalid usage.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

usage_error() {
  fail "$1"
  sed -n '5,8s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

[ "$#" -eq 3 ] || usage_error "expected ENV IMAGE DIGEST, got $# argument(s)"
env_name="$1" image="$2" digest="$3"
[[ "$env_name" =~ ^[a-z][a-z0-9-]*$ ]] || usage_error "ENV must be an overlay name, got: $env_name"
overlay="kubernetes/apps/devsecops-app/overlays/$env_name/kustomization.yaml"
[ -f "$overlay" ] || usage_error "no overlay for $env_name: $overlay does not exist"
[[ "$image" =~ ^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+$ ]] || usage_error "IMAGE must be <registry>/<repository> without tag, got: $image"
[[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || usage_error "DIGEST must be sha256:<64 hex>, got: $digest"
remote="${PROMOTE_REMOTE:-origin}"

if [ ! -d scripts/node_modules/yaml ]; then
  TOOL_TIMEOUT=600 run_tool npm ci --prefix scripts --no-audit --no-fund --loglevel=error
fi
result="$(run_tool node scripts/lib/set-image.mjs "$overlay" devsecops-app "$image" "$digest")" || exit 1
publish_revision() {
  [ -z "${GITHUB_OUTPUT:-}" ] || printf 'revision=%s\n' "$(git rev-parse HEAD)" >>"$GITHUB_OUTPUT"
}
if [ "$result" = unchanged ]; then
  log "$overlay already pins $image@$digest"
  publish_revision
  exit 0
fi

# git_remote ARGS... : git talking to the remote; the token (if any) lives only in this process's
# environment as an extra HTTP header, never in .git/config or on a command line.
git_remote() {
  if [ -n "${GIT_PUSH_TOKEN:-}" ]; then
    local basic
    basic="$(printf 'x-access-token:%s' "$GIT_PUSH_TOKEN" | base64 -w0)"
    GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.extraHeader GIT_CONFIG_VALUE_0="Authorization: Basic $basic" \
      run_tool git "$@"
  else
    run_tool git "$@"
  fi
}

branch="$(git rev-parse --abbrev-ref HEAD)"
git add "$overlay"
git -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
  commit -q -m "deploy($env_name): devsecops-app@$digest" -m "Image $image@$digest, signed and scanned by the pipeline."
# Another promotion may have landed meanwhile: rebase onto it and retry.
for attempt in 1 2 3; do
  if git_remote push -q "$remote" "HEAD:$branch"; then
    log "promoted $env_name to $image@$digest ($(git rev-parse --short HEAD))"
    publish_revision
    exit 0
  fi
  warn "push attempt $attempt rejected; rebasing onto $remote/$branch"
  git_remote pull -q --rebase "$remote" "$branch" || break
done
fail "could not push the promotion of $env_name to $remote/$branch"
exit 1
