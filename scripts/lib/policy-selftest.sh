#!/usr/bin/env bash
# expect_rejected FILE CMD... : CMD (a validator run over FILE) must exit 1 and report exactly the
# number of "[FAIL: ]FILE:<line>: ..." problems that FILE's first line declares ("expect-problems: N"),
# proving the check can fail. Sourced by the policy checks in scripts/checks/.
expect_rejected() {
  local file="$1"
  shift
  local want got rc=0 out
  want="$(sed -n '1s/.*expect-problems: \([0-9]*\).*/\1/p' "$file")"
  out="$(run_tool "$@" 2>&1)" || rc=$?
  got="$(grep -c "^\(FAIL: \)\{0,1\}$file:[0-9]*: " <<<"$out" || true)"
  if [ "$rc" -ne 1 ] || [ -z "$want" ] || [ "$got" -ne "$want" ]; then
    fail "self-test: $file should be rejected with ${want:-?} problems (exit $rc, $got problems)"
    printf '%s\n' "$out" >&2
    return 1
  fi
}
