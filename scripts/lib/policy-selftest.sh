#!/usr/bin/env bash
# expect_rejected KIND FILE [ARGS...] : scan-policies.mjs must reject FILE with exactly the number
# of problems its first line declares ("expect-problems: N"), proving the check can fail.
# Sourced by scripts/checks/trivyignore.sh and scripts/checks/zap-rules.sh.
expect_rejected() {
  local kind="$1" file="$2"
  shift 2
  local want got rc=0 out
  want="$(sed -n '1s/.*expect-problems: \([0-9]*\).*/\1/p' "$file")"
  out="$(run_tool node "$REPO_ROOT/scripts/validators/scan-policies.mjs" "$kind" "$file" "$@" 2>&1)" || rc=$?
  got="$(grep -c "^$file:[0-9]*: " <<<"$out" || true)"
  if [ "$rc" -ne 1 ] || [ -z "$want" ] || [ "$got" -ne "$want" ]; then
    fail "self-test: $file should be rejected with ${want:-?} problems (exit $rc, $got problems)"
    printf '%s\n' "$out" >&2
    return 1
  fi
}
