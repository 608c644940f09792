#!/usr/bin/env bash
# The real detect-secrets (1.5.0, installed from PyPI by hash by scripts/install-test-deps.sh) over
# every tracked file, offline, against security/.secrets.baseline:
#   1. detect-secrets-hook (the pre-commit hook's own command) with a copy of the baseline: a finding
#      the baseline does not hold fails (exit 1), and so does a baseline the tool would rewrite
#      (exit 3: a finding moved or went away), so the committed baseline is exactly what
#      `detect-secrets scan --baseline security/.secrets.baseline` produces;
#   2. `detect-secrets audit --report --only-real`: every accepted finding was audited as a false
#      positive (none unaudited, none real);
#   3. scripts/validators/secrets-baseline.mjs: every accepted finding's file and line still exist.
# A self-test first proves the hook fails: a planted file with a random AWS-style key pair (made at
# run time, never committed) must be reported.
# Offline: -n turns off detect-secrets' verification of secrets over the network, so a planted or
# real key is reported whatever the provider would answer (stricter than the hook's default).
# Secret values are never printed: the hook prints type and location only, the audit report is
# reduced to file, line and type here.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
baseline=security/.secrets.baseline
check_files detect-secrets "security/.secrets.baseline" "$baseline"
require_tool detect-secrets
require_tool detect-secrets-hook
require_tool python3
require_tool node
update_cmd="detect-secrets scan --baseline $baseline, then audit the new entries (detect-secrets audit $baseline)"

work="$REPO_ROOT/target/detect-secrets"
rm -rf "$work" && mkdir -p "$work/selftest"
copy="$work/baseline.json"
cp "$baseline" "$copy"

# Self-test: a random AWS-style access key id and secret key must be reported in the planted file.
planted="$work/selftest/planted.env"
python3 - "$planted" <<'EOF'
import secrets, string, sys
upper = string.ascii_uppercase + string.digits
b64 = string.ascii_letters + string.digits + "/+"
key_id = "AKIA" + "".join(secrets.choice(upper) for _ in range(16))
secret = "".join(secrets.choice(b64) for _ in range(40))
with open(sys.argv[1], "w") as f:
    f.write(f'aws_access_key_id = "{key_id}"\naws_secret_access_key = "{secret}"\n')
EOF
rc=0
out="$(run_tool detect-secrets-hook -n --baseline "$copy" "${planted#"$REPO_ROOT"/}" 2>&1)" || rc=$?
if [ "$rc" -ne 1 ] || ! grep -q 'Secret Type: AWS Access Key' <<<"$out" || ! grep -qF "${planted#"$REPO_ROOT"/}:1" <<<"$out"; then
  fail "self-test: detect-secrets-hook should report the planted AWS key in ${planted#"$REPO_ROOT"/} (exit $rc)"
  printf '%s\n' "$out" >&2
  exit 1
fi
rm -f "$planted"

# The baseline itself is left out, as the pre-commit hook does (its hashes look like secrets).
mapfile -t files < <(tracked_files '.' | grep -vxF "$baseline")
started=$SECONDS
rc=0
out="$(run_tool detect-secrets-hook -n --baseline "$copy" "${files[@]}" 2>&1)" || rc=$?
hook_s=$((SECONDS - started))
case "$rc" in
  0) ;;
  1)
    printf '%s\n' "$out" >&2
    fail "detect-secrets: findings not in $baseline (above: type and file:line). Remove the secret; if it is none, $update_cmd"
    exit 1
    ;;
  3)
    # The hook rewrote the copy: name what moved or went away, never a value.
    python3 - "$baseline" "$copy" <<'EOF' >&2 || true
import json, sys
def entries(path):
    results = json.load(open(path)).get("results", {})
    return {(f, r["type"], r["hashed_secret"], r.get("line_number")) for f, rs in results.items() for r in rs}
old, new = entries(sys.argv[1]), entries(sys.argv[2])
for f, t, _, line in sorted(old - new, key=str):
    print(f"{f}:{line}: {t}: in the baseline, not found there now")
for f, t, _, line in sorted(new - old, key=str):
    print(f"{f}:{line}: {t}: found here now")
EOF
    fail "detect-secrets: $baseline is stale (a finding moved or went away): $update_cmd"
    exit 1
    ;;
  *)
    printf '%s\n' "$out" >&2
    fail "detect-secrets-hook failed (exit $rc)"
    exit 1
    ;;
esac

started=$SECONDS
report="$(run_tool detect-secrets audit --report --only-real "$baseline")" || {
  fail "detect-secrets audit --report failed on $baseline"
  exit 1
}
audit_s=$((SECONDS - started))
summary="$(python3 -c '
import json, sys
try:
    results = json.load(sys.stdin)["results"]
except (ValueError, KeyError):
    sys.exit("unreadable audit report")
for r in results:
    print("{}:{}: {} not audited as a false positive".format(r["filename"], ",".join(sorted(r["lines"], key=int)), "/".join(r["types"])))
' <<<"$report" 2>&1)" || {
  fail "detect-secrets audit --report: $summary ($baseline)"
  exit 1
}
if [ -n "$summary" ]; then
  printf '%s\n' "$summary" >&2
  fail "detect-secrets audit: $baseline holds unaudited or real secrets (above); audit them (detect-secrets audit $baseline) and remove real ones"
  exit 1
fi
run_tool node scripts/validators/secrets-baseline.mjs "$baseline" "$REPO_ROOT" >/dev/null
accepted="$(python3 -c 'import json, sys; print(sum(len(v) for v in json.load(open(sys.argv[1]))["results"].values()))' "$baseline")"
log "detect-secrets: ${#files[@]} files (${hook_s} s), nothing outside $baseline, which is current; ${accepted} accepted findings all audited false positives (${audit_s} s); self-test caught a planted AWS key"
