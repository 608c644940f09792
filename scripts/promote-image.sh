#!/usr/bin/env bash
# GitOps promotion of one image digest: pins IMAGE@DIGEST in
# kubernetes/apps/devsecops-app/overlays/ENV/kustomization.yaml; Argo CD deploys from that commit.
# Nothing is ever pushed to main: main changes only through reviewed pull requests.
#
# Usage: scripts/promote-image.sh [--copy-from SOURCE] [--verify] [--pull-request | --copy-only] ENV IMAGE DIGEST
#   ENV          an overlay under kubernetes/apps/devsecops-app/overlays/ (staging, production)
#   IMAGE        <registry>/<repository>, e.g. myacr.azurecr.io/devsecops-app
#   DIGEST       sha256:<64 hex>, the signed and scanned digest
#   --copy-from SOURCE  first copy SOURCE@DIGEST (<registry>/<repository> of the environment the
#                digest passed) into IMAGE with `cosign copy`: the manifest keeps its digest and its
#                signatures and attestations come along (cosign copy copies the tag-based .sig/.att,
#                the one format the pipeline signs in), so the target's admission policy can check them
#   --verify     check IMAGE@DIGEST with scripts/verify-image.sh (signature, SLSA provenance, SBOMs)
#                after any copy and before anything is committed
#   --copy-only  copy (and verify) only: no commit, no pull request (the production deploy, after its
#                approval, copies the approved digest into the production registry this way)
#   --pull-request  commit on a branch promote/ENV/<digest prefix>, push it and open a pull request
#                against the checked-out branch (a code owner of the overlay merges it)
#   without either: the deploy branch of ENV (deploy/ENV, which Argo CD tracks for that
#                environment) gets a commit whose tree is the checked-out commit with the pin, and
#                whose parents are the branch's previous head and that commit: the environment runs
#                exactly what main built, the branch only moves forward, and main is never written.
# Environment: PROMOTE_REMOTE (default origin); GIT_PUSH_TOKEN (optional: a token for an https
# remote, handed to git through environment configuration for the push only, so the checkout keeps
# no credentials); GH_TOKEN for gh (pull requests); VERIFY_IMAGE (the verifier, default
# scripts/verify-image.sh). In GitHub Actions the results are written to
# $GITHUB_OUTPUT: revision=<sha> of the deploy-branch commit (argocd-deploy.sh waits for it) or
# pull-request=<url>. Exit codes: 0 pinned, proposed or copied (or already so), 1
# copy/edit/commit/push/PR failed, 2 invalid usage.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

usage_error() { usage_exit 5,19 "$1"; }

copy_from=""
verify=false
pull_request=false
copy_only=false
while [ "$#" -gt 0 ]; do
  case "$1" in
    --copy-from)
      if [ "$#" -lt 2 ] || [ -z "$2" ]; then usage_error "--copy-from needs <registry>/<repository>"; fi
      copy_from="$2"
      shift 2
      ;;
    --pull-request)
      pull_request=true
      shift
      ;;
    --verify)
      verify=true
      shift
      ;;
    --copy-only)
      copy_only=true
      shift
      ;;
    -*) usage_error "unknown option: $1" ;;
    *) break ;;
  esac
done
[ "$#" -eq 3 ] || usage_error "expected ENV IMAGE DIGEST, got $# argument(s)"
env_name="$1" image="$2" digest="$3"
repo_re='^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+$'
[[ "$env_name" =~ ^[a-z][a-z0-9-]*$ ]] || usage_error "ENV must be an overlay name, got: $env_name"
overlay="kubernetes/apps/devsecops-app/overlays/$env_name/kustomization.yaml"
[ -f "$overlay" ] || usage_error "no overlay for $env_name: $overlay does not exist"
[[ "$image" =~ $repo_re ]] || usage_error "IMAGE must be <registry>/<repository> without tag, got: $image"
[[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || usage_error "DIGEST must be sha256:<64 hex>, got: $digest"
[ -z "$copy_from" ] || [[ "$copy_from" =~ $repo_re ]] || usage_error "--copy-from must be <registry>/<repository>, got: $copy_from"
[ "$pull_request" = false ] || [ "$copy_only" = false ] || usage_error "--pull-request and --copy-only exclude each other"
[ "$copy_only" = false ] || [ -n "$copy_from" ] || usage_error "--copy-only needs --copy-from"
# Production changes only through a reviewed pull request, never a deploy-branch commit.
[ "$env_name" != production ] || [ "$pull_request" = true ] || [ "$copy_only" = true ] ||
  usage_error "production is promoted only with --pull-request"
remote="${PROMOTE_REMOTE:-origin}"

output() { [ -z "${GITHUB_OUTPUT:-}" ] || printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; }

if [ -n "$copy_from" ] && [ "$copy_from" != "$image" ]; then
  log "copying $copy_from@$digest to $image (signatures and attestations included)"
  TOOL_TIMEOUT=900 run_tool cosign copy --force "$copy_from@$digest" "$image@$digest" || {
    fail "could not copy $copy_from@$digest to $image"
    exit 1
  }
fi

if [ "$verify" = true ]; then
  run_tool bash "${VERIFY_IMAGE:-scripts/verify-image.sh}" "$image@$digest" || {
    fail "$image@$digest did not verify: nothing promoted"
    exit 1
  }
fi

if [ "$copy_only" = true ]; then
  log "copied $copy_from@$digest to $image; nothing committed (--copy-only)"
  exit 0
fi

if [ ! -d scripts/node_modules/yaml ]; then
  TOOL_TIMEOUT=600 run_tool npm ci --prefix scripts --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
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

commit_pin() {
  git add "$overlay"
  git -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
    commit -q -m "deploy($env_name): devsecops-app@$digest" -m "Image $image@$digest, signed, scanned and attested by the pipeline."
}

base="$(git rev-parse --abbrev-ref HEAD)"

if [ "$pull_request" = true ]; then
  branch="promote/$env_name/$(printf '%.12s' "${digest#sha256:}")"
  existing="$(run_tool gh pr list --head "$branch" --base "$base" --state open --json url --jq '.[0].url // ""')" || {
    fail "gh could not list pull requests"
    exit 1
  }
  if [ -n "$existing" ]; then
    log "a pull request already proposes $image@$digest for $env_name: $existing"
    output pull-request "$existing"
    exit 0
  fi
  git checkout -q -B "$branch"
  result="$(run_tool node scripts/lib/set-image.mjs "$overlay" devsecops-app "$image" "$digest")" || exit 1
  if [ "$result" = unchanged ]; then
    log "$overlay already pins $image@$digest"
    git checkout -q "$base"
    exit 0
  fi
  commit_pin
  git_remote push -q --force "$remote" "HEAD:refs/heads/$branch" || {
    fail "could not push $branch to $remote"
    exit 1
  }
  body="Promotes devsecops-app@$digest to $env_name.

- image: \`$image@$digest\`${copy_from:+ (copied from \`$copy_from\` with its signatures and attestations)}
- the digest passed staging: signature, SLSA provenance and SBOM attestations verified, deployed, smoke-tested
- merging deploys it: the production deploy verifies the attestations again, smoke-tests the preview stack and only then promotes the Rollout"
  url="$(run_tool gh pr create --base "$base" --head "$branch" --title "deploy($env_name): devsecops-app@${digest:0:19}" --body "$body")" || {
    fail "gh could not open the pull request for $branch"
    exit 1
  }
  git checkout -q "$base"
  log "proposed $env_name → $image@$digest: $url"
  output pull-request "$url"
  exit 0
fi

# The environment's deploy branch: the checked-out commit plus the pin, on top of the branch's
# previous head. Another promotion may have moved the branch meanwhile: build again on top of it.
deploy_branch="deploy/$env_name"
built="$(git rev-parse HEAD)"
result="$(run_tool node scripts/lib/set-image.mjs "$overlay" devsecops-app "$image" "$digest")" || exit 1
git add "$overlay"
tree="$(git write-tree)"
git reset -q
git checkout -q -- "$overlay"
for attempt in 1 2 3; do
  previous=""
  if git_remote fetch -q --depth=1 "$remote" "+refs/heads/$deploy_branch:refs/remotes/$remote/$deploy_branch" 2>/dev/null; then
    previous="$(git rev-parse "refs/remotes/$remote/$deploy_branch")"
  fi
  if [ -n "$previous" ] && [ "$(git rev-parse "$previous^{tree}")" = "$tree" ]; then
    log "$deploy_branch already deploys $image@$digest on $(git rev-parse --short "$built")"
    output revision "$previous"
    exit 0
  fi
  parents=(-p "$built")
  [ -z "$previous" ] || parents=(-p "$previous" -p "$built")
  commit="$(GIT_AUTHOR_NAME="github-actions[bot]" GIT_AUTHOR_EMAIL="41898282+github-actions[bot]@users.noreply.github.com" \
    GIT_COMMITTER_NAME="github-actions[bot]" GIT_COMMITTER_EMAIL="41898282+github-actions[bot]@users.noreply.github.com" \
    git commit-tree "$tree" "${parents[@]}" -m "deploy($env_name): devsecops-app@$digest" \
    -m "Image $image@$digest, signed, scanned and attested by the pipeline, on main $(git rev-parse --short "$built").")"
  if git_remote push -q "$remote" "$commit:refs/heads/$deploy_branch"; then
    log "promoted $env_name to $image@$digest ($deploy_branch $(git rev-parse --short "$commit"), main $(git rev-parse --short "$built")${result:+, $result})"
    output revision "$commit"
    exit 0
  fi
  warn "push attempt $attempt to $deploy_branch rejected; building on its new head"
done
fail "could not push the promotion of $env_name to $remote/$deploy_branch"
exit 1
