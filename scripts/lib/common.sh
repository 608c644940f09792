#!/usr/bin/env bash
# Shared helpers for scripts/*.sh and scripts/checks/*.sh. Sourced, never run.

# Repository root, whatever the caller's working directory.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT

# Every external tool runs under a timeout (seconds); override per call with TOOL_TIMEOUT.
TOOL_TIMEOUT="${TOOL_TIMEOUT:-300}"

# Charts render from a local mirror of archives where one sits beside the checkout (the project's
# machines keep one at ../shared/charts); elsewhere bootstrap fetches the pinned charts itself.
if [ -z "${BOOTSTRAP_CHART_MIRROR:-}" ] && [ -d "$REPO_ROOT/../shared/charts" ]; then
  BOOTSTRAP_CHART_MIRROR="$(cd "$REPO_ROOT/../shared/charts" && pwd)"
  export BOOTSTRAP_CHART_MIRROR
fi

# Validators installed from npm live here (scripts/package.json pins them).
NODE_BIN="$REPO_ROOT/scripts/node_modules/.bin"

# The real tools scripts/install-test-deps.sh builds from their Go modules and installs from PyPI
# (scripts/lib/go-tools.sh) come first on PATH, so every check and test runs the pinned versions.
AKS_TOOLS_BIN="${AKS_TOOLS_HOME:-$HOME/.cache/aks-devsecops}/bin"
case ":$PATH:" in *":$AKS_TOOLS_BIN:"*) ;; *) PATH="$AKS_TOOLS_BIN:$PATH" ;; esac
export PATH

log() { printf '%s\n' "$*"; }
warn() { printf 'WARN: %s\n' "$*" >&2; }
fail() { printf 'FAIL: %s\n' "$*" >&2; }

# usage_exit LINES MESSAGE : the usage error of a script: MESSAGE, then the script's own usage
# comment (header LINES, a sed range such as 5,18), exit 2.
usage_exit() {
  fail "$2"
  sed -n "$1s/^# \{0,1\}//p" "$0" >&2
  exit 2
}

# run_tool CMD ARGS... : run with the shared timeout; exit 124 means it timed out.
run_tool() {
  local rc=0
  timeout --kill-after=10 "$TOOL_TIMEOUT" "$@" || rc=$?
  if [ "$rc" -eq 124 ]; then
    fail "timed out after ${TOOL_TIMEOUT}s: $*"
  fi
  return "$rc"
}

# tracked_files PATHSPEC... : files git tracks or would track (untracked but not ignored),
# so generated output (target/, node_modules/) is never validated.
tracked_files() {
  git -C "$REPO_ROOT" ls-files --cached --others --exclude-standard -- "$@" |
    while IFS= read -r f; do [ -f "$REPO_ROOT/$f" ] && printf '%s\n' "$f"; done | sort -u
}

# require_tool NAME : fail clearly when a validator is missing (scripts/install-test-deps.sh installs them).
require_tool() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$NODE_BIN/$1" ]; then
    fail "$1 is not installed: run scripts/install-test-deps.sh"
    return 1
  fi
}

# no_files_yet CHECK WHAT : the folder a validator owns holds nothing yet; say so, do not pass silently.
no_files_yet() {
  log "$1: no files yet ($2)"
}

# check_files CHECK WHAT PATHSPEC... : the files a check validates (tracked_files PATHSPEC...) into
# the array files; when there are none yet, no_files_yet CHECK WHAT and the check ends (exit 0).
check_files() {
  local check="$1" what="$2"
  shift 2
  mapfile -t files < <(tracked_files "$@")
  if [ "${#files[@]}" -eq 0 ]; then
    no_files_yet "$check" "$what"
    exit 0
  fi
}

# bootstrap_jar : print the path of the bootstrap CLI jar, (re)building it with the Maven wrapper
# when it is missing or older than its sources. Build output goes to stderr.
bootstrap_jar() {
  local jar="$REPO_ROOT/bootstrap/target/bootstrap.jar" stale=""
  if [ -f "$jar" ]; then
    stale="$(find "$REPO_ROOT/bootstrap/src/main" "$REPO_ROOT/bootstrap/pom.xml" "$REPO_ROOT/pom.xml" \
      "$REPO_ROOT/bootstrap/catalog.yaml" "$REPO_ROOT/bootstrap/environments" -newer "$jar" -print -quit)"
  fi
  if [ ! -f "$jar" ] || [ -n "$stale" ]; then
    log "building the bootstrap jar (./mvnw -q -pl bootstrap package -DskipTests)" >&2
    (cd "$REPO_ROOT" && TOOL_TIMEOUT=1200 run_tool ./mvnw -B -q -pl bootstrap package -DskipTests) >&2 || return 1
  fi
  printf '%s\n' "$jar"
}
