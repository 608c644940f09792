#!/usr/bin/env bash
# Proves every custom gitleaks rule in security/.gitleaks.toml: its planted FAKE sample
# (security/gitleaks-fixtures/positive/<rule-id>.txt) must fire that rule, and its benign
# look-alike (negative/<rule-id>.txt) must fire nothing. Findings are redacted; no value is printed.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
config=security/.gitleaks.toml
fixtures=security/gitleaks-fixtures
require_tool gitleaks
require_tool jq
[ -f "$config" ] || { fail "$config is missing"; exit 1; }

mapfile -t rules < <(sed -n 's/^id = "\([^"]*\)"$/\1/p' "$config" | sort)
if [ "${#rules[@]}" -eq 0 ]; then fail "$config defines no custom rules"; exit 1; fi

# The repository configuration allowlists the fixtures folder, so scan a copy under another path.
stage="$REPO_ROOT/target/gitleaks-rules"
rm -rf "$stage" && mkdir -p "$stage"
cp -R "$fixtures/positive" "$fixtures/negative" "$stage/"
report="$stage/report.json"
rc=0
run_tool "$NODE_BIN/gitleaks" dir --no-banner --redact --log-level error -c "$config" -r "$report" "$stage" || rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then fail "gitleaks exited with $rc"; exit 1; fi

errors=0
# Each custom rule needs both samples.
for rule in "${rules[@]}"; do
  for kind in positive negative; do
    if [ ! -f "$fixtures/$kind/$rule.txt" ]; then
      fail "$config: rule $rule has no $kind sample ($fixtures/$kind/$rule.txt)"
      errors=$((errors + 1))
    fi
  done
done

# rule IDs reported per fixture file, as "kind/file.txt rule-id" lines.
hits="$(jq -r --arg root "$stage/" '.[] | "\(.File | ltrimstr($root)) \(.RuleID)"' "$report" | sort -u)"
positives=0
for f in "$fixtures"/positive/*.txt; do
  name="$(basename "$f")"
  rule="${name%.txt}"
  positives=$((positives + 1))
  if ! grep -qx "positive/$name $rule" <<<"$hits"; then
    fail "$f: planted sample did not fire rule $rule"
    errors=$((errors + 1))
  fi
  # Custom rules must not overlap: another custom rule firing here means two alerts for one secret.
  while read -r _ fired; do
    if [ "$fired" != "$rule" ] && printf '%s\n' "${rules[@]}" | grep -qx "$fired"; then
      fail "$f: sample for $rule also fires custom rule $fired"
      errors=$((errors + 1))
    fi
  done < <(grep "^positive/$name " <<<"$hits" || true)
done
negatives=0
for f in "$fixtures"/negative/*.txt; do
  name="$(basename "$f")"
  negatives=$((negatives + 1))
  while read -r _ fired; do
    fail "$f: benign sample fired rule $fired"
    errors=$((errors + 1))
  done < <(grep "^negative/$name " <<<"$hits" || true)
done

[ "$errors" -eq 0 ] || exit 1
log "gitleaks-rules: ${#rules[@]} custom rules; $positives planted samples fire their rule and no other custom rule, $negatives benign samples fire none"
