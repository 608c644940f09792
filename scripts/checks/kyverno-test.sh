#!/usr/bin/env bash
# `kyverno test` (the Kyverno CLI 1.14.1 that scripts/install-test-deps.sh builds from its Go module)
# over the policy suites in kubernetes/security/kyverno/policies/*/kyverno-test.yaml, offline.
#
# Offline, a suite whose policy verifies image signatures (verifyImages: cosign keyless through
# Fulcio, Rekor and the registry) is left out and named in the output: without the network its
# expected failures fail for the wrong reason (Sigstore's TUF root cannot be fetched), so they prove
# nothing. .github/workflows/policy-tests.yml still runs every suite, that one with --registry.
#
# The CLI's own verdict is not enough: in 1.14.1 a result expected to be `fail` counts as passed
# whatever the policy did (kyverno/kyverno#9804: the row says Pass with the reason "Want fail, got
# pass"), a resource the rule never evaluated counts as passed ("Excluded"), and suites that do not
# load are reported under "Test errors:" with exit 0. So every result row must read Pass with the
# reason Ok, nothing may fail to load, every suite must run and the row count must match the
# summary. Self-tests first prove both directions are caught: a copy of a suite with an expected
# `pass` flipped to `fail` (which the CLI alone accepts) and one with a `fail` flipped to `pass`.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
dir=kubernetes/security/kyverno/policies
check_files kyverno-test "Kyverno policy suites" "$dir/*/kyverno-test.yaml"
require_tool kyverno

work="$REPO_ROOT/target/kyverno-test"
rm -rf "$work" && mkdir -p "$work"

# run_suites DIR : kyverno test over DIR; prints one line per problem and returns 1 when there is
# any, else prints "<suites> <results>".
run_suites() {
  local root="$1" out rc=0 want
  want="$(find "$root" -name kyverno-test.yaml | wc -l)"
  out="$(run_tool kyverno test "$root" --require-tests --detailed-results --remove-color 2>&1)" || rc=$?
  printf '%s\n' "$out" >"$root.log"
  awk -F'│' -v rc="$rc" -v want="$want" -v logfile="${root#"$REPO_ROOT"/}.log" '
    /^Loading test  \( / { suite = $0; sub(/^Loading test  \( /, "", suite); sub(/ \) \.\.\.$/, "", suite); suites++; next }
    /^Error loading tests|^Test errors:|^Filter errors:/ { loaderr = 1 }
    /^ +(Path|Error):/ && loaderr { print "kyverno test:" $0; bad++; next }
    /^Test Summary: / { summary = $0; split($0, w, " "); total = w[3] + w[8] }
    NF >= 8 && $2 ~ /^ *[0-9]+ *$/ {
      rows++
      for (i = 3; i <= 7; i++) gsub(/^ +| +$/, "", $i)
      if ($6 != "Pass" || $7 != "Ok") {
        printf "%s: %s/%s %s: %s (%s)\n", suite, $3, $4, $5, $6, $7
        bad++
      }
    }
    END {
      if (loaderr && !bad) { print "kyverno test: tests failed to load (see " logfile ")"; bad++ }
      if (rc != 0 && !bad) { print "kyverno test: exit " rc " (see " logfile ")"; bad++ }
      if (suites != want) { print "kyverno test: ran " suites + 0 " of " want " suites (see " logfile ")"; bad++ }
      if (summary == "" || rows != total) { print "kyverno test: " rows + 0 " result rows, summary says " total + 0 " (see " logfile ")"; bad++ }
      if (bad) exit 1
      print suites, rows
    }' <<<"$out"
}

# Self-tests on copies of one suite: each flipped expectation must be reported on its resource.
sample="$dir/disallow-host-path"
for flip in pass:fail fail:pass; do
  from="${flip%%:*}" to="${flip##*:}"
  planted="$work/selftest-$from-to-$to"
  mkdir -p "$planted"
  cp -r "$sample" "$planted/"
  sed -i "0,/^  result: $from\$/s//  result: $to/" "$planted/disallow-host-path/kyverno-test.yaml"
  rc=0
  out="$(run_suites "$planted")" || rc=$?
  if [ "$rc" -ne 1 ] || ! grep -q "disallow-host-path/kyverno-test.yaml: disallow-host-path/host-path .*(Want $to, got $from)" <<<"$out"; then
    fail "self-test: kyverno test over $planted (an expected $from flipped to $to) should be rejected (exit $rc)"
    printf '%s\n' "$out" >&2
    exit 1
  fi
done

# The suites to run offline: all but those whose policies verify image signatures.
stage="$work/policies"
cp -r "$dir" "$stage"
mapfile -t online < <(grep -l '^ *verifyImages:' "$stage"/*/*.yaml | xargs -r -n1 dirname | xargs -r -n1 basename | sort -u)
for suite in "${online[@]}"; do rm -rf "${stage:?}/$suite"; done

started=$SECONDS
rc=0
out="$(run_suites "$stage")" || rc=$?
took=$((SECONDS - started))
if [ "$rc" -ne 0 ]; then
  printf '%s\n' "$out" >&2
  fail "kyverno test: suites in $dir fail (full output: target/kyverno-test/policies.log)"
  exit 1
fi
read -r suites rows <<<"$out"
log "kyverno-test: $suites suites, $rows results as expected (${took} s); self-tests caught a flipped pass and a flipped fail; not run offline (signature verification needs Sigstore and the registry; policy-tests.yml runs it): ${online[*]:-none}"
