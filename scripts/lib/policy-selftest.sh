#!/usr/bin/env bash
# expect_rejected FILE CMD... : CMD (a validator run over FILE) must exit 1 and report exactly the
# number of "[FAIL: ]FILE:<line>: ..." problems that FILE's first line declares ("expect-problems: N"),
# proving the check can fail. Sourced by the policy checks in scripts/checks/.
expect_rejected() {
  local file="$1" want
  shift
  want="$(sed -n '1s/.*expect-problems: \([0-9]*\).*/\1/p' "$file")"
  expect_problems "${want:-}" "$file:" "$@"
}

# expect_problems N PREFIX CMD... : CMD must exit 1 and report exactly N problems on lines that
# start with PREFIX followed by a line number (planted inputs spread over several files).
expect_problems() {
  local want="$1" prefix="$2"
  shift 2
  local got rc=0 out
  out="$(run_tool "$@" 2>&1)" || rc=$?
  got="$(grep -c "^\(FAIL: \)\{0,1\}${prefix}[^:]*:\?[0-9]*: " <<<"$out" || true)"
  if [ "$rc" -ne 1 ] || [ -z "$want" ] || [ "$got" -ne "$want" ]; then
    fail "self-test: ${prefix%:} should be rejected with ${want:-?} problems (exit $rc, $got problems)"
    printf '%s\n' "$out" >&2
    return 1
  fi
}

# expect_rejected_dir DIR CMD... : like expect_rejected for planted inputs spread over DIR, whose
# README.md declares "(expect-problems: N)"; problems must be reported on files below DIR.
expect_rejected_dir() {
  local dir="$1" want
  shift
  want="$(sed -n 's/.*(expect-problems: \([0-9]*\)).*/\1/p' "$dir/README.md" | head -n 1)"
  expect_problems "$want" "$dir/" "$@"
}
