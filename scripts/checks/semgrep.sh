#!/usr/bin/env bash
# The real Semgrep (1.163.0, installed from PyPI by hash by scripts/install-test-deps.sh), offline:
#   1. `semgrep --test --strict` over the custom rules split one per file next to their annotated
#      samples (the layout the security-gates and ci-pipeline workflows build in target/semgrep-tests);
#      every rule's test must run and pass;
#   2. `semgrep scan --error` with the same rules over the service, bootstrap and gate sources (main
#      and test code of the service, main code of the CLIs): no finding of any severity.
# A self-test first proves --test fails: a copy of one rule's samples whose first `ok:` annotation
# is turned into `ruleid:` (a sample the rule rightly leaves alone, now declared a finding) must be
# rejected.
# Offline: the rules come from the local file only (no registry, no `--config auto`), metrics are off
# and the version check is disabled, so Semgrep opens no connection. The workflows still scan the
# whole repository (ci-pipeline) and the changed files (security-gates) and upload SARIF.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
rules=security/semgrep/.semgrep.yml
tests=security/semgrep/tests
check_files semgrep "security/semgrep" "$rules"
require_tool semgrep
require_tool node
export SEMGREP_ENABLE_VERSION_CHECK=0 SEMGREP_SEND_METRICS=off
offline=(--metrics=off --disable-version-check)
scan_paths=(app/src bootstrap/src/main security/gate/src/main)

work="$REPO_ROOT/target/semgrep-tests"
rm -rf "$work" && mkdir -p "$work"
# The structural validator writes the layout (and refuses rules without annotated samples).
run_tool node scripts/validators/semgrep-rules.mjs "$rules" "$tests" --split "$work/rules" >/dev/null
mapfile -t split < <(find "$work/rules" -maxdepth 1 -name '*.yaml' ! -name '*.test.yaml' | sort)

# Self-test: java-secret-in-log's first `ok:` sample declared `ruleid:` must fail the rule's test.
planted="$work/selftest"
mkdir -p "$planted"
cp "$work/rules/java-secret-in-log.yaml" "$planted/"
sed '0,/\/\/ ok: java-secret-in-log/s//\/\/ ruleid: java-secret-in-log/' \
  "$work/rules/java-secret-in-log.java" >"$planted/java-secret-in-log.java"
rc=0
out="$(run_tool semgrep --test --strict --quiet "${offline[@]}" "$planted" 2>&1)" || rc=$?
if [ "$rc" -ne 1 ] || ! grep -q '✖ java-secret-in-log' <<<"$out" || ! grep -q 'missed lines: \[[0-9]' <<<"$out"; then
  fail "self-test: semgrep --test should reject $planted/java-secret-in-log.java (an ok: sample annotated ruleid:) (exit $rc)"
  printf '%s\n' "$out" >&2
  exit 1
fi

started=$SECONDS
rc=0
out="$(run_tool semgrep --test --strict --quiet "${offline[@]}" "$work/rules" 2>&1)" || rc=$?
test_s=$((SECONDS - started))
want="${#split[@]}/${#split[@]}: ✓ All tests passed"
if [ "$rc" -ne 0 ] || ! grep -qF "$want" <<<"$out"; then
  printf '%s\n' "$out" >&2
  fail "semgrep --test: the rules of $rules do not pass their samples in $tests (exit $rc; expected \"$want\")"
  exit 1
fi

started=$SECONDS
rc=0
out="$(run_tool semgrep scan --config "$rules" --error --quiet "${offline[@]}" "${scan_paths[@]}" 2>&1)" || rc=$?
scan_s=$((SECONDS - started))
if [ "$rc" -ne 0 ]; then
  printf '%s\n' "$out" >&2
  fail "semgrep scan: the rules of $rules flag ${scan_paths[*]} (exit $rc; findings above)"
  exit 1
fi
log "semgrep: --test ${#split[@]}/${#split[@]} rules pass their samples (${test_s} s), self-test rejected a wrong annotation; scan of ${scan_paths[*]}: no findings (${scan_s} s)"
