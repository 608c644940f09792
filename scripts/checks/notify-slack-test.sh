#!/usr/bin/env bash
# Tests scripts/notify-slack.sh and its formatter (scripts/lib/slack-message.mjs) against a webhook
# stand-in on 127.0.0.1 that records what it receives: each event posts exactly the recorded payload
# in validators/testdata/slack; without SLACK_WEBHOOK_URL the step says so and succeeds; a refusing
# webhook is a warning, not a failure; the webhook URL never appears in the output. The gate-block
# notice the workflows send (security-gate-github.sh notify-block) is posted for a real BLOCK
# decision of the gate, with its blocking findings, and not for a PASS.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=notify-slack-test
require_tool python3 || exit 1
require_tool jq || exit 1
require_tool java || exit 1

use_workdir
recorded="$REPO_ROOT/scripts/validators/testdata/slack"
cat >"$work/webhook.py" <<'PY'
import os
# Saves each POST body to <dir>/latest.json and the number of posts to <dir>/count; answers the
# status in <dir>/status (default 200).
DIR = argv[0]
count = 0
class Handler(Quiet):
    def do_POST(self):
        global count
        count += 1
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with open(os.path.join(DIR, "latest.json"), "wb") as f:
            f.write(body)
        with open(os.path.join(DIR, "count"), "w") as f:
            f.write(str(count))
        status = 200
        if os.path.exists(os.path.join(DIR, "status")):
            status = int(open(os.path.join(DIR, "status")).read().strip())
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"ok")
PY
serve_loopback "$work/webhook.py" "$work"
hook="http://127.0.0.1:$served_port/services/T000/B000/not-a-real-webhook-path"
notify() { # notify WEBHOOK ARGS...
  local url="$1"
  shift
  rc=0
  out="$(SLACK_WEBHOOK_URL="$url" bash "$REPO_ROOT/scripts/notify-slack.sh" "$@" 2>&1)" || rc=$?
}
last_body() { printf '%s\n' "$work/latest.json"; }
same_json() { test "$(jq -S . "$1")" = "$(jq -S . "$2")"; }

notify "$hook" pipeline-failure workflow=ci-pipeline ref=refs/heads/main sha=0123456789abcdef0123456789abcdef01234567 \
  run_url=https://github.com/aks-devsecops/platform/actions/runs/42 job=image-scan
check "pipeline-failure: exit 0, posted" test "$rc" -eq 0 -a -n "$(grep -F "posted" <<<"$out")"
check "pipeline-failure: exactly the recorded payload" same_json "$(last_body)" "$recorded/pipeline-failure.json"
notify "$hook" deploy-finished environment=production image=acrdevsecopsprd.azurecr.io/devsecops-app@sha256:aaaa \
  run_url=https://github.com/aks-devsecops/platform/actions/runs/43 result=success
check "deploy-finished: exactly the recorded payload" same_json "$(last_body)" "$recorded/deploy-finished.json"
notify "$hook" gate-block gate=cvss "summary=2 findings with CVSS >= 9.0 <CVE-2026-0001>" \
  run_url=https://github.com/aks-devsecops/platform/actions/runs/44
check "gate-block: exactly the recorded payload (Slack control characters escaped)" same_json "$(last_body)" "$recorded/gate-block.json"
check "the webhook URL is never printed" test "$(grep -c not-a-real-webhook-path <<<"$out")" -eq 0
before="$(cat "$work/count")"
notify "" deploy-started environment=production image=x@sha256:aaaa run_url=https://github.com/o/r/actions/runs/1
check "no webhook: exit 0" test "$rc" -eq 0
check "no webhook: a visible notice, not a silent pass" has_output "::notice::Slack notification 'deploy-started' skipped: SLACK_WEBHOOK_URL is not set"
check "no webhook: nothing posted" test "$(cat "$work/count")" -eq "$before"
echo 500 >"$work/status"
notify "$hook" deploy-started environment=production image=x@sha256:aaaa run_url=https://github.com/o/r/actions/runs/1
check "refusing webhook: a warning, exit 0" test "$rc" -eq 0 -a -n "$(grep -F '::warning::' <<<"$out")"
rm -f "$work/status"
notify "$hook" deploy-finished environment=production image=x run_url=https://github.com/o/r/actions/runs/1
check "missing key: usage error (exit 2)" test "$rc" -eq 2
check "missing key: named" has_output "deploy-finished needs result"
notify "$hook" deploy-exploded environment=x
check "unknown event: exit 2" test "$rc" -eq 2

# The gate's own JSON result decides whether the workflows' gate-block notice goes out.
fixtures="$REPO_ROOT/security/gate/src/test/resources/fixtures"
gate_result() { # gate_result OUT REPORT... : the real gate's JSON decision over fixtures
  local result="$1"
  shift
  bash "$REPO_ROOT/scripts/security-gate.sh" "${@/#/--report=}" --now 2026-12-01T08:00:00Z --output json >"$result" || true
}
gate_result "$work/block.json" "$fixtures/trivy/score-9.0.json"
gate_result "$work/pass.json" "$fixtures/trivy/score-6.9.json"
notify_block() { # notify_block RESULT : the workflow step, against the webhook stand-in
  rc=0
  out="$(SLACK_WEBHOOK_URL="$hook" GITHUB_REPOSITORY=aks-devsecops/platform GITHUB_RUN_ID=45 \
    bash "$REPO_ROOT/scripts/security-gate-github.sh" notify-block "$1" image 2>&1)" || rc=$?
}
before="$(cat "$work/count")"
notify_block "$work/block.json"
check "gate BLOCK: the notice is posted" test "$rc" -eq 0 -a "$(cat "$work/count")" -eq $((before + 1))
names_block() {
  jq -e '.text == ":no_entry: Security gate image blocked the pipeline" and
    (.blocks[1].fields[0].text | contains("1 blocking finding(s): CVE-2099-0900|com.example:template-engine|3.2.0")) and
    (.blocks[1].fields[1].text | contains("https://github.com/aks-devsecops/platform/actions/runs/45"))' "$work/latest.json" >/dev/null
}
check "gate BLOCK: it names the gate and the blocking finding" names_block
notify_block "$work/pass.json"
check "gate PASS: nothing posted" test "$rc" -eq 0 -a "$(cat "$work/count")" -eq $((before + 1))
check "gate PASS: the decision is logged" has_output "gate image: PASS"

finish "webhook stand-in on 127.0.0.1, recorded payloads, the gate's block notice"
