#!/usr/bin/env bash
# Tests scripts/security-gate-github.sh against a fake gh that records its arguments: the state is
# restored from the newest run that saved one; a ticket whose key an open issue carries updates
# that issue, any other opens a new one (a look-alike key does not match), nothing is closed.
# The tickets file comes from the real gate over its SLA fixtures.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=security-gate-github-test
require_tool jq || exit 1
require_tool java || exit 1

use_workdir
mkdir -p "$work/bin"
calls="$work/calls"
: >"$calls"
high="CVE-2099-2003|com.example:high-on-time|1.0"
medium="CVE-2099-2002|com.example:medium-overdue|1.0"
cat >"$work/bin/gh" <<FAKE
#!/usr/bin/env bash
printf '%s\n' "\$*" >>"$calls"
case "\$1 \$2" in
  "run list") printf '30\n20\n10\n' ;;
  "run download")
    [ "\$3" = 20 ] || exit 1
    while [ "\$#" -gt 0 ]; do [ "\$1" = --dir ] && dir="\$2"; shift; done
    printf '{"schemaVersion":1,"firstSeen":{}}\n' >"\$dir/state.json" ;;
  "issue list")
    jq -n --arg a "Old text.

security-gate-key: $high
" --arg b "security-gate-key: $medium-and-more" '[{number: 7, body: \$a}, {number: 8, body: \$b}]' ;;
  "issue edit"|"issue create")
    while [ "\$#" -gt 0 ]; do [ "\$1" = --body-file ] && cp "\$2" "$work/body-\$(wc -l <"$calls")"; shift; done ;;
  "label create") ;;
  *) exit 3 ;;
esac
FAKE
chmod +x "$work/bin/gh"
fixtures="$REPO_ROOT/security/gate/src/test/resources/fixtures"
bash "$REPO_ROOT/scripts/security-gate.sh" --report "$fixtures/trivy/sla.json" --state "$fixtures/state/sla.json" \
  --now 2026-12-01T08:00:00Z --tickets-out "$work/tickets.json" >/dev/null
rc=$?
check "the gate blocks the SLA fixtures and writes tickets" test "$rc" -eq 1 -a -f "$work/tickets.json"

github() {
  rc=0
  out="$(PATH="$work/bin:$PATH" GITHUB_REPOSITORY=example/platform bash "$REPO_ROOT/scripts/security-gate-github.sh" "$@" 2>&1)" || rc=$?
}
assert_context() { printf 'gh calls:\n%s\n' "$(cat "$calls")"; }

github restore-state "$work/state"
check "restore-state: exit 0" test "$rc" -eq 0
check "restore-state: the newest run with the artifact" has_output "from run 20"
check "restore-state: state.json restored" test -f "$work/state/state.json"
check "restore-state: tried the newer run first" grep -q "^run download 30 " "$calls"
check "restore-state: only runs of main pushes" grep -q -- "--branch main --event push" "$calls"

: >"$calls"
github open-tickets "$work/tickets.json"
check "open-tickets: exit 0" test "$rc" -eq 0
check "open-tickets: the issue with the key is updated" grep -q "^issue edit 7 --repo example/platform" "$calls"
check "open-tickets: a new ticket is opened with the label" \
  grep -q "^issue create --repo example/platform --title CVE-2099-2002 in com.example:medium-overdue 1.0 --label vulnerability" "$calls"
check "open-tickets: the look-alike issue is left alone" test "$(grep -c "^issue edit 8" "$calls")" -eq 0
check "open-tickets: nothing is closed" test "$(grep -c "close" "$calls")" -eq 0
check "open-tickets: bodies carry the key line" grep -qx "security-gate-key: $medium" "$work"/body-*

printf '{"schemaVersion":1,"label":"vulnerability","tickets":[]}\n' >"$work/none.json"
: >"$calls"
github open-tickets "$work/none.json"
check "open-tickets: no tickets, no calls" test "$rc" -eq 0 -a ! -s "$calls"

github close-all "$work/none.json"
check "unknown command: usage error" test "$rc" -eq 2
finish "state restore and idempotent tickets against a fake gh"
