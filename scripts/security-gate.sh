#!/usr/bin/env bash
# Runs the vulnerability gate (security/gate): a thin wrapper around its jar, (re)built with the
# Maven wrapper when it is missing or older than its sources. Arguments go to the gate unchanged:
#   scripts/security-gate.sh --report target/trivy-fs.json --report target/grype.json \
#       --ignores security/vulnerability-ignores.yaml [--state FILE] [--output json] ...
#   scripts/security-gate.sh check-ignores security/vulnerability-ignores.yaml
#   scripts/security-gate.sh --help
# Exit codes are the gate's: 0 pass or warn, 1 block, 2 invalid input, 3 an output could not be
# written (also: the jar could not be built); 124 when it ran out of time (GATE_TIMEOUT seconds).
set -uo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

jar="$REPO_ROOT/security/gate/target/security-gate.jar"
stale=""
if [ -f "$jar" ]; then
  stale="$(find "$REPO_ROOT/security/gate/src/main" "$REPO_ROOT/security/gate/pom.xml" "$REPO_ROOT/pom.xml" \
    -newer "$jar" -print -quit)"
fi
if [ ! -f "$jar" ] || [ -n "$stale" ]; then
  log "building the gate jar (./mvnw -q -pl security/gate package -DskipTests)" >&2
  if ! (cd "$REPO_ROOT" && TOOL_TIMEOUT=1200 run_tool ./mvnw -B -q -pl security/gate package -DskipTests) >&2; then
    fail "could not build $jar"
    exit 3
  fi
fi

# A run lasts seconds: C2 compilation never pays back and its threads compete for the two cores
# of a CI runner, so the client compiler and the serial collector decide 10,000 findings faster.
TOOL_TIMEOUT="${GATE_TIMEOUT:-300}" run_tool java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" "$@"
