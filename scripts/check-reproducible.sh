#!/usr/bin/env bash
# Builds the current tree a second time in a fresh directory and compares the checksums of every
# jar with those of the build in place. Run after ./mvnw package (scripts/test.sh does).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

modules=(app/target bootstrap/target security/gate/target)
mapfile -t jars < <(find "${modules[@]}" -maxdepth 1 -name '*.jar' 2>/dev/null | sort)
if [ "${#jars[@]}" -eq 0 ]; then
  fail "no jars in ${modules[*]}: build first"
  exit 1
fi

copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
mapfile -t files < <(tracked_files '.')
tar -C "$REPO_ROOT" -cf - "${files[@]}" | tar -C "$copy" -xf -
(
  cd "$copy"
  TOOL_TIMEOUT=1200 run_tool ./mvnw -B -q package -DskipTests \
    -Dspotbugs.skip=true -Djacoco.skip=true -Dspotless.check.skip=true -Dcyclonedx.skip=true
)

differ=0
for jar in "${jars[@]}"; do
  a="$(sha256sum "$jar" | cut -d' ' -f1)"
  b="$(sha256sum "$copy/$jar" 2>/dev/null | cut -d' ' -f1 || true)"
  if [ "$a" = "$b" ]; then
    log "identical  $a  $jar"
  else
    fail "differs    $jar (${a:0:12} vs ${b:-missing})"
    differ=1
  fi
done
# The app image (Jib on the offline base), when the build made one.
if [ -f app/target/jib-image.digest ]; then
  a="$(cat app/target/jib-image.digest)"
  b="$(cat "$copy/app/target/jib-image.digest" 2>/dev/null || true)"
  if [ "$a" = "$b" ]; then
    log "identical  $a  app image"
  else
    fail "differs    app image ($a vs ${b:-missing})"
    differ=1
  fi
fi
[ "$differ" -eq 0 ]
log "reproducible: ${#jars[@]} jars identical across two builds"
