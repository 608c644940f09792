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

# use_workdir : a private scratch directory in $work, removed (and every stand-in server stopped) on exit.
use_workdir() {
  work="$(mktemp -d)"
  trap 'stop_servers; rm -rf "$work"' EXIT
}

# serve_loopback HANDLER_FILE ARGS... : starts an HTTP stand-in on 127.0.0.1 (scripts/lib/loopback.py;
# HANDLER_FILE defines class Handler(Quiet), ARGS reach it as argv); sets served_port. stop_servers (call it from the test's EXIT trap) ends every one started.
server_pids=()
served_port=""
serve_loopback() {
  local portfile
  portfile="$(mktemp)"
  python3 "$(dirname "${BASH_SOURCE[0]}")/loopback.py" "$@" >"$portfile" &
  server_pids+=("$!")
  for _ in $(seq 1 50); do [ -s "$portfile" ] && break; sleep 0.1; done
  # shellcheck disable=SC2034 # read by the test that sources this file
  served_port="$(head -n 1 "$portfile")"
  rm -f "$portfile"
}
stop_servers() {
  local pid
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}

finish() {
  if [ "$failed" -gt 0 ]; then
    fail "$ASSERT_NAME: $failed of $((passed + failed)) assertions failed"
    exit 1
  fi
  log "$ASSERT_NAME: $passed assertions passed ($1)"
}
