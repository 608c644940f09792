#!/usr/bin/env bash
# The GitHub side of the vulnerability gate, for the workflows (needs gh, jq and GH_TOKEN).
#   scripts/security-gate-github.sh restore-state DIR
#       copies the gate's state file (first-seen dates) of the newest ci-pipeline run on main that
#       saved one (artifact "security-gate-state", 90-day retention) to DIR/state.json; without
#       one, DIR stays empty and the gate counts every finding as first seen now. Needs actions: read.
#   scripts/security-gate-github.sh open-tickets TICKETS.json
#       opens one issue per ticket (label "vulnerability"), or updates the open issue whose body
#       has the ticket's "security-gate-key: <key>" line. It never closes an issue. Needs issues: write.
# Environment: GITHUB_REPOSITORY (owner/name); STATE_WORKFLOW (default ci-pipeline.yml);
# STATE_BRANCH (default main).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

usage() {
  printf 'usage: %s restore-state DIR | open-tickets TICKETS.json\n' "$0" >&2
  exit 2
}
[ "$#" -eq 2 ] || usage
: "${GITHUB_REPOSITORY:?set GITHUB_REPOSITORY (owner/name)}"
require_tool gh
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

case "$1" in
  restore-state) restore_state "$2" ;;
  open-tickets) open_tickets "$2" ;;
  *) usage ;;
esac
