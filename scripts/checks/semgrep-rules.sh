#!/usr/bin/env bash
# Structure of the custom Semgrep rules and their annotated tests (ids, CWE, severity, languages,
# one test file per rule). Semgrep itself runs the same rules and samples in the `semgrep` check
# (`semgrep --test --strict`, and a scan of the sources), offline, with the version
# scripts/install-test-deps.sh installs.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
rules=security/semgrep/.semgrep.yml
check_files semgrep-rules "security/semgrep" "$rules"
require_tool node
run_tool node scripts/validators/semgrep-rules.mjs "$rules" security/semgrep/tests
