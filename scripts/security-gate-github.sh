#!/usr/bin/env bash
# The GitHub side of the vulnerability gate, for the workflows (needs gh, jq and GH_TOKEN).
#   scripts/security-gate-github.sh restore-state DIR
#       copies the gate's state file (first-seen dates) of the newest ci-pipeline run on main that
#       saved one (artifact "security-gate-state", 90-day retention) to DIR/state.json; without
#       one, DIR stays empty and the gate counts every finding as first seen now. Needs actions: read.
#   scripts/security-gate-github.sh open-tickets TICKETS.json
#       opens one issue per ticket (label "vulnerability"), or updates the open issue whose body
#       has the ticket's "security-gate-key: <key>" line. It never closes an issue. Needs issues: write.
#   scripts/security-gate-github.sh notify-block RESULT.json GATE
#       when the gate's result (security-gate.sh --output json) is BLOCK, posts the gate-block Slack
#       notice (scripts/notify-slack.sh: gate name, blocking findings, run link); other decisions
#       post nothing. Needs SLACK_WEBHOOK_URL (else a visible notice), not gh.
# Environment: GITHUB_REPOSITORY (owner/name); STATE_WORKFLOW (default ci-pipeline.yml);
# STATE_BRANCH (default main); GITHUB_SERVER_URL and GITHUB_RUN_ID for the run link.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

usage() {
  printf 'usage: %s restore-state DIR | open-tickets TICKETS.json | notify-block RESULT.json GATE\n' "$0" >&2
  exit 2
}
[ "$#" -eq 2 ] || { [ "$#" -eq 3 ] && [ "$1" = notify-block ]; } || usage
: "${GITHUB_REPOSITORY:?set GITHUB_REPOSITORY (owner/name)}"
[ "$1" = notify-block ] || require_tool gh
require_tool jq
repo="$GITHUB_REPOSITORY"

restore_state() {
  local dir="$1" runs id
  mkdir -p "$dir"
  runs="$(TOOL_TIMEOUT=60 run_tool gh run list --repo "$repo" --workflow "${STATE_WORKFLOW:-ci-pipeline.yml}" \
    --branch "${STATE_BRANCH:-main}" --event push --limit 20 --json databaseId --jq '.[].databaseId')"
  for id in $runs; do
    if TOOL_TIMEOUT=120 run_tool gh run download "$id" --repo "$repo" --name security-gate-state \
      --dir "$dir" >/dev/null 2>&1 && [ -f "$dir/state.json" ]; then
      log "security gate state: from run $id"
      return 0
    fi
  done
  log "security gate state: none saved yet; every finding counts as first seen now"
}

open_tickets() {
  local file="$1" label existing count i key title body number
  [ -f "$file" ] || { fail "no tickets file $file"; exit 2; }
  label="$(jq -er '.label' "$file")"
  count="$(jq -er '.tickets | length' "$file")"
  if [ "$count" -eq 0 ]; then
    log "tickets: none"
    return 0
  fi
  TOOL_TIMEOUT=60 run_tool gh label create "$label" --repo "$repo" --force \
    --description "Vulnerability gate: warn-level finding with a remediation SLA" >/dev/null
  existing="$(TOOL_TIMEOUT=120 run_tool gh issue list --repo "$repo" --label "$label" --state open \
    --limit 1000 --json number,body)"
  body="$(mktemp)"
  trap 'rm -f "$body"' RETURN
  for ((i = 0; i < count; i++)); do
    key="$(jq -er ".tickets[$i].key" "$file")"
    title="$(jq -er ".tickets[$i].title" "$file")"
    jq -er ".tickets[$i].body" "$file" >"$body"
    number="$(jq -r --arg line "security-gate-key: $key" \
      'map(select(.body | split("\n") | index($line))) | first | .number // empty' <<<"$existing")"
    if [ -n "$number" ]; then
      TOOL_TIMEOUT=60 run_tool gh issue edit "$number" --repo "$repo" --body-file "$body" >/dev/null
      log "ticket updated: #$number $title"
    else
      TOOL_TIMEOUT=60 run_tool gh issue create --repo "$repo" --title "$title" --label "$label" \
        --body-file "$body" >/dev/null
      log "ticket opened: $title"
    fi
  done
}

notify_block() {
  local file="$1" gate="$2" decision summary run_url
  [ -f "$file" ] || { fail "no gate result $file"; exit 2; }
  decision="$(jq -er '.decision' "$file")" || { fail "$file: not the gate's JSON result"; exit 2; }
  log "gate $gate: $decision ($(jq -r '.counts | "\(.block) block, \(.warn) warn, \(.log) log, \(.suppressed) suppressed"' "$file"))"
  [ "$decision" = BLOCK ] || return 0
  summary="$(jq -r '[.findings[] | select(.level == "block") | .key] as $k
    | "\($k | length) blocking finding(s): \($k[0:5] | join(", "))\(if ($k | length) > 5 then ", ..." else "" end)"' "$file")"
  run_url="${GITHUB_SERVER_URL:-https://github.com}/$repo/actions/runs/${GITHUB_RUN_ID:-0}"
  bash "$REPO_ROOT/scripts/notify-slack.sh" gate-block "gate=$gate" "summary=$summary" "run_url=$run_url"
}

case "$1" in
  restore-state) restore_state "$2" ;;
  open-tickets) open_tickets "$2" ;;
  notify-block) notify_block "$2" "$3" ;;
  *) usage ;;
esac
