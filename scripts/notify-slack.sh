#!/usr/bin/env bash
# Posts one pipeline event to Slack through the incoming webhook in SLACK_WEBHOOK_URL, formatted by
# scripts/lib/slack-message.mjs. Without a webhook it prints a GitHub notice and succeeds: Slack is
# optional, and a missing notification must be visible, never silent and never a pipeline failure.
# A webhook that refuses the message is a warning for the same reason.
#
# Usage: scripts/notify-slack.sh EVENT KEY=VALUE...   (events and keys: scripts/lib/slack-message.mjs)
# Exit codes: 0 posted, skipped or refused (warned), 2 invalid usage.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

[ "$#" -ge 1 ] || usage_exit 8,8 "expected an event"
payload="$(node "$REPO_ROOT/scripts/lib/slack-message.mjs" "$@")" || exit 2
if [ -z "${SLACK_WEBHOOK_URL:-}" ]; then
  log "::notice::Slack notification '$1' skipped: SLACK_WEBHOOK_URL is not set"
  exit 0
fi
# The webhook URL is a secret: it goes to curl through a config file, never onto a command line.
cfg="$(mktemp)"
trap 'rm -f "$cfg"' EXIT
chmod 0600 "$cfg"
printf 'url = "%s"\n' "$SLACK_WEBHOOK_URL" >"$cfg"
status="$(printf '%s' "$payload" | TOOL_TIMEOUT=60 run_tool curl --silent --show-error --max-time 30 --config "$cfg" \
  -H 'Content-Type: application/json' --data-binary @- -o /dev/null -w '%{http_code}' 2>/dev/null)" || status="unreachable"
if [ "$status" != 200 ]; then
  log "::warning::Slack notification '$1' not delivered (webhook answered $status)"
  exit 0
fi
log "Slack notification '$1' posted"
