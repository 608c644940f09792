#!/usr/bin/env bash
# Assertion helpers for the script tests in scripts/checks/*-test.sh. Sourced, never run.
# The test sets ASSERT_NAME, runs the script under test into $out (output) and $rc (exit code),
# then calls `check DESCRIPTION COMMAND...`; `finish SUMMARY` ends with the verdict.
# A test may define assert_context to print extra evidence (e.g. recorded calls) on failure.
passed=0
failed=0
out=""
rc=0

check() {
  local what="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    return 0
  fi
  failed=$((failed + 1))
  fail "$ASSERT_NAME: $what (exit $rc)"
  printf '%s\n' "$out" >&2
  if declare -F assert_context >/dev/null; then assert_context >&2; fi
}

has_output() { grep -qF -- "$1" <<<"$out"; }

finish() {
  if [ "$failed" -gt 0 ]; then
    fail "$ASSERT_NAME: $failed of $((passed + failed)) assertions failed"
    exit 1
  fi
  log "$ASSERT_NAME: $passed assertions passed ($1)"
}
