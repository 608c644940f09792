#!/usr/bin/env bash
# Drives an Argo CD Application from the pipeline through the Argo CD REST API (curl + jq). No
# argocd binary is downloaded: the deploy jobs hold the Argo CD token, and a job holding a
# deploy secret must not run an unverified download.
#
# Usage: scripts/argocd-deploy.sh sync APP
#          refresh and sync APP, then wait until it is Synced and Healthy, or Suspended (a
#          blue/green Rollout paused before promotion)
#        scripts/argocd-deploy.sh promote APP ROLLOUT
#          run the Rollout's promote-full action, then wait until APP is Healthy
# Environment: ARGOCD_SERVER (host[:port] or https://host[:port], required; plain http only for a
#   loopback address), ARGOCD_AUTH_TOKEN (required; sent as a header from a private file, never
#   on a command line or printed), ROLLOUT_NAMESPACE (namespace of the Rollout, default
#   devsecops-app), EXPECT_REVISION (a commit: the app only counts as deployed once it is synced to
#   that commit or a descendant of it, checked with git in the current clone), SYNC_REVISION (a
#   commit: sync exactly that revision, for an Application without automated sync whose deploy job
#   was approved for that commit; Argo CD refuses an explicit revision on an automated Application),
#   ARGOCD_WAIT_SECONDS (default 600), ARGOCD_POLL_SECONDS (10).
# Exit codes: 0 done, 1 sync/promotion failed or timed out, 2 invalid usage or missing settings.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

usage_error() { usage_exit 6,10 "$1"; }

[ "$#" -ge 2 ] || usage_error "expected a command and an application"
command_name="$1" app="$2"
case "$command_name" in
  sync) [ "$#" -eq 2 ] || usage_error "sync takes exactly one application" ;;
  promote) [ "$#" -eq 3 ] || usage_error "promote takes an application and a Rollout name" ;;
  *) usage_error "unknown command: $command_name" ;;
esac
name_re='^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'
[[ "$app" =~ $name_re ]] || usage_error "invalid application name: $app"
[ -n "${ARGOCD_SERVER:-}" ] || usage_error "ARGOCD_SERVER is not set"
[ -n "${ARGOCD_AUTH_TOKEN:-}" ] || usage_error "ARGOCD_AUTH_TOKEN is not set"
case "$ARGOCD_SERVER" in
  https://*) base="${ARGOCD_SERVER%/}" ;;
  http://127.0.0.1:* | http://localhost:*) base="${ARGOCD_SERVER%/}" ;;
  http://*) usage_error "ARGOCD_SERVER must use https (plain http only on loopback)" ;;
  *) base="https://${ARGOCD_SERVER%/}" ;;
esac
wait_seconds="${ARGOCD_WAIT_SECONDS:-600}"
poll_seconds="${ARGOCD_POLL_SECONDS:-10}"
rollout_namespace="${ROLLOUT_NAMESPACE:-devsecops-app}"
[[ "$rollout_namespace" =~ $name_re ]] || usage_error "invalid ROLLOUT_NAMESPACE: $rollout_namespace"

expect="${EXPECT_REVISION:-}"
[ -z "$expect" ] || [[ "$expect" =~ ^[0-9a-f]{40}$ ]] || usage_error "EXPECT_REVISION must be a full commit SHA"
sync_revision="${SYNC_REVISION:-}"
[ -z "$sync_revision" ] || [[ "$sync_revision" =~ ^[0-9a-f]{40}$ ]] || usage_error "SYNC_REVISION must be a full commit SHA"

private="$(mktemp -d)"
trap 'rm -rf "$private"' EXIT
chmod 0700 "$private"
printf 'Authorization: Bearer %s\n' "$ARGOCD_AUTH_TOKEN" >"$private/auth-header"

# api METHOD PATH [JSON_BODY] : one REST call; prints the response body, fails on HTTP >= 400.
api() {
  local args=(--silent --show-error --fail --max-time 60 -X "$1" -H @"$private/auth-header"
    -H 'Accept: application/json')
  [ "$#" -lt 3 ] || args+=(-H 'Content-Type: application/json' --data "$3")
  TOOL_TIMEOUT=90 run_tool curl "${args[@]}" "$base$2"
}

# includes_expected REVISION : the synced revision is the expected commit or a descendant of it
# (later commits on the branch also deploy ours).
includes_expected() {
  [ -n "$expect" ] && [ "$1" != "$expect" ] || return 0
  [[ "$1" =~ ^[0-9a-f]{40}$ ]] || return 1
  git cat-file -e "$1^{commit}" 2>/dev/null || run_tool git fetch -q origin "$1" 2>/dev/null || return 1
  git merge-base --is-ancestor "$expect" "$1"
}

# wait_for APP ACCEPTED_HEALTH_REGEX : poll until synced (to the expected commit) with an accepted
# health, fail at once on Degraded, or time out.
wait_for() {
  local deadline=$((SECONDS + wait_seconds)) state sync health revision
  while :; do
    state="$(api GET "/api/v1/applications/$1" 2>/dev/null |
      jq -r '"\(.status.sync.status // "Unknown") \(.status.health.status // "Unknown") \(.status.sync.revision // "none")"')" ||
      state="Unknown Unknown none"
    read -r sync health revision <<<"$state"
    log "$1: sync=$sync health=$health revision=${revision:0:12}"
    if [ "$sync" = Synced ] && [[ "$health" =~ ^($2)$ ]] && includes_expected "$revision"; then return 0; fi
    if [ "$health" = Degraded ]; then
      fail "$1 is Degraded"
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "$1 did not reach Synced/$2${expect:+ at ${expect:0:12}} within ${wait_seconds}s (last: $sync/$health at ${revision:0:12})"
      return 1
    fi
    sleep "$poll_seconds"
  done
}

case "$command_name" in
  sync)
    # Make Argo CD look at the branch now instead of at its next poll.
    api GET "/api/v1/applications/$app?refresh=normal" >/dev/null || warn "refresh of $app failed; waiting for the next poll"
    # With automated sync the controller may already be syncing: then this request is refused,
    # and the wait below still decides whether the deployment happened.
    body='{"prune":false}'
    [ -z "$sync_revision" ] || body="{\"prune\":false,\"revision\":\"$sync_revision\"}"
    api POST "/api/v1/applications/$app/sync" "$body" >/dev/null ||
      warn "sync request for $app was not accepted (an automated sync may be running)"
    wait_for "$app" 'Healthy|Suspended' || exit 1
    ;;
  promote)
    rollout="$3"
    [[ "$rollout" =~ $name_re ]] || usage_error "invalid Rollout name: $rollout"
    query="namespace=$rollout_namespace&resourceName=$rollout&version=v1alpha1&group=argoproj.io&kind=Rollout"
    # The action name is the whole request body (a JSON string), as the API's HTTP mapping defines.
    api POST "/api/v1/applications/$app/resource/actions?$query" '"promote-full"' >/dev/null || {
      fail "Argo CD could not promote Rollout $rollout in $app"
      exit 1
    }
    wait_for "$app" 'Healthy' || exit 1
    ;;
esac
log "$app: $command_name done"
