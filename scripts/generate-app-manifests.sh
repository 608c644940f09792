#!/usr/bin/env bash
# Regenerates kubernetes/apps/devsecops-app/base/devsecops-app.yaml from the JKube fragments in
# app/src/main/jkube. The same test that fails on a stale copy (ManifestsUpToDateTest) writes it.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"
TOOL_TIMEOUT=900 run_tool ./mvnw -B -q -pl app test -DskipImage -Djacoco.skip=true \
  -Dtest=ManifestsUpToDateTest -Dsurefire.failIfNoSpecifiedTests=false -Dmanifests.update=true
log "regenerated kubernetes/apps/devsecops-app/base/devsecops-app.yaml"
