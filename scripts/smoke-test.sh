#!/usr/bin/env bash
# Post-deployment smoke test of the public API: retries until the service answers, then checks that
# the answer is a real API response (200, or 401 without a token) carrying the security headers.
#
# Usage: scripts/smoke-test.sh BASE_URL
# Environment: SMOKE_PATH (default /api/v1/items), SMOKE_ATTEMPTS (default 30), SMOKE_INTERVAL (5 s).
# Exit codes: 0 healthy, 1 failed, 2 invalid usage.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

if [ "$#" -ne 1 ] || ! [[ "$1" =~ ^https?://[^[:space:]]+$ ]]; then
  fail "usage: scripts/smoke-test.sh BASE_URL (http:// or https://)"
  exit 2
fi
url="${1%/}${SMOKE_PATH:-/api/v1/items}"
attempts="${SMOKE_ATTEMPTS:-30}"
interval="${SMOKE_INTERVAL:-5}"
headers="$(mktemp)"
trap 'rm -f "$headers"' EXIT

status=000
for ((i = 1; i <= attempts; i++)); do
  status="$(curl --silent --output /dev/null --dump-header "$headers" --max-time 10 --write-out '%{http_code}' "$url" || true)"
  case "$status" in
    200 | 401) break ;;
  esac
  log "attempt $i/$attempts: $url answered $status"
  [ "$i" -eq "$attempts" ] || sleep "$interval"
done

case "$status" in
  200 | 401) ;;
  *)
    fail "$url never answered 200 or 401 (last status $status)"
    exit 1
    ;;
esac

problems=0
require_header() { # require_header NAME VALUE_REGEX
  if ! grep -qiE "^$1:[[:space:]]*$2" "$headers"; then
    fail "$url: response lacks $1 matching /$2/"
    problems=$((problems + 1))
  fi
}
require_header 'X-Content-Type-Options' 'nosniff'
require_header 'Content-Type' 'application/(problem\+)?json'
if [[ "$url" == https://* ]]; then require_header 'Strict-Transport-Security' 'max-age=[1-9]'; fi
if grep -qiE '^(Server:.*[0-9]|X-Powered-By:)' "$headers"; then
  fail "$url: response discloses the server software or version"
  problems=$((problems + 1))
fi
[ "$problems" -eq 0 ] || exit 1
log "smoke test passed: $url answered $status with the expected security headers"
