#!/usr/bin/env bash
# Runs scripts/generate-sbom.sh against fake `syft` and `cosign` executables on PATH that record
# their arguments and exit as told, and asserts exit codes, messages, files and the exact calls.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=generate-sbom-test

script="$REPO_ROOT/scripts/generate-sbom.sh"
use_workdir
bin="$work/bin"
mkdir -p "$bin"
calls="$work/calls.log"

# Fake syft: records its arguments, writes a small document to every -o FORMAT=FILE target unless
# FAKE_SYFT_EXIT says to fail.
cat >"$bin/syft" <<'FAKE'
#!/usr/bin/env bash
printf 'syft %s\n' "$*" >>"$FAKE_CALLS"
[ "${FAKE_SYFT_EXIT:-0}" -eq 0 ] || exit "$FAKE_SYFT_EXIT"
while [ "$#" -gt 0 ]; do
  if [ "$1" = "-o" ]; then printf '{"fake":"%s"}\n' "${2%%=*}" >"${2#*=}"; shift; fi
  shift
done
FAKE
cat >"$bin/cosign" <<'FAKE'
#!/usr/bin/env bash
printf 'cosign %s\n' "$*" >>"$FAKE_CALLS"
exit "${FAKE_COSIGN_EXIT:-0}"
FAKE
chmod +x "$bin/syft" "$bin/cosign"

digest="sha256:$(printf 'a%.0s' {1..64})"
image="fakeacr.azurecr.io/devsecops-app@$digest"
case_path="$bin:$PATH"
# run_case ARGS... : run the script with the fakes first on PATH; sets $out (stdout+stderr) and $rc.
run_case() {
  : >"$calls"
  rc=0
  out="$(cd "$work" && FAKE_CALLS="$calls" PATH="$case_path" TOOL_TIMEOUT=30 bash "$script" "$@" 2>&1)" || rc=$?
}

assert_context() { printf 'recorded calls:\n%s\n' "$(cat "$calls")"; }
called() { grep -qxF -- "$1" "$calls"; }
call_count() { [ "$(grep -c "^$1 " "$calls")" -eq "$2" ]; }

run_case
check "no image: usage error (exit 2)" test "$rc" -eq 2
check "no image: says so and prints usage" has_output "no image given"
check "no image: usage printed" has_output "Usage: scripts/generate-sbom.sh"
check "no image: nothing called" call_count syft 0

run_case fakeacr.azurecr.io/devsecops-app:latest
check "tag reference: usage error (exit 2)" test "$rc" -eq 2
check "tag reference: explains the digest rule" has_output "must be referenced by digest"
check "tag reference: nothing called" call_count syft 0

run_case --frobnicate "$image"
check "unknown option: exit 2" test "$rc" -eq 2
check "unknown option: named" has_output "unknown option: --frobnicate"

run_case --output-dir
check "option without value: exit 2" test "$rc" -eq 2

run_case "$image" "$image"
check "two images: exit 2" test "$rc" -eq 2

run_case -o "$work/sbom" "$image"
check "happy path: exit 0" test "$rc" -eq 0
check "happy path: syft writes both formats" \
  called "syft scan registry:$image --quiet -o cyclonedx-json=$work/sbom/sbom.cdx.json -o spdx-json=$work/sbom/sbom.spdx.json"
check "happy path: CycloneDX file written" test -s "$work/sbom/sbom.cdx.json"
check "happy path: SPDX file written" test -s "$work/sbom/sbom.spdx.json"
check "happy path: keyless CycloneDX attestation" \
  called "cosign attest --yes --new-bundle-format=false --use-signing-config=false --type cyclonedx --predicate $work/sbom/sbom.cdx.json $image"
check "happy path: keyless SPDX attestation" \
  called "cosign attest --yes --new-bundle-format=false --use-signing-config=false --type spdxjson --predicate $work/sbom/sbom.spdx.json $image"
check "happy path: image not signed without --sign-image" call_count "cosign sign" 0
check "happy path: checksums printed" has_output "$(sha256sum "$work/sbom/sbom.cdx.json" | cut -d' ' -f1)"

run_case -o "$work/keyed" --key azurekms://vault.vault.azure.net/cosign --sign-image "$image"
check "key + sign-image: exit 0" test "$rc" -eq 0
check "key + sign-image: image signed with the key" called "cosign sign --yes --new-bundle-format=false --use-signing-config=false --key azurekms://vault.vault.azure.net/cosign $image"
check "key + sign-image: attestations use the key" call_count "cosign attest --yes --new-bundle-format=false --use-signing-config=false --key azurekms://vault.vault.azure.net/cosign" 2

run_case -o "$work/offline" --key cosign.key --no-tlog-upload --sign-image "$image"
check "key without a log entry: exit 0" test "$rc" -eq 0
check "key without a log entry: signature not logged" called "cosign sign --yes --new-bundle-format=false --use-signing-config=false --key cosign.key --tlog-upload=false $image"
check "key without a log entry: attestations not logged" call_count "cosign attest --yes --new-bundle-format=false --use-signing-config=false --key cosign.key --tlog-upload=false" 2

run_case -o "$work/keyless-offline" --no-tlog-upload "$image"
check "keyless without a log entry: usage error (exit 2)" test "$rc" -eq 2
check "keyless without a log entry: explained" has_output "--no-tlog-upload needs --key"
check "keyless without a log entry: nothing called" call_count syft 0

run_case -o "$work/plain" --no-attest "$image"
check "no-attest: exit 0" test "$rc" -eq 0
check "no-attest: cosign never called" call_count cosign 0

FAKE_SYFT_EXIT=1 run_case -o "$work/broken" "$image"
check "syft fails: exit 1" test "$rc" -eq 1
check "syft fails: named in the error" has_output "syft could not catalogue"
check "syft fails: nothing attested" call_count cosign 0

FAKE_COSIGN_EXIT=1 run_case -o "$work/unsigned" "$image"
check "cosign fails: exit 1" test "$rc" -eq 1
check "cosign fails: stops after the first attestation" call_count cosign 1

# Missing cosign: the fake removed, PATH reduced to the system directories and no Go-built tools
# directory (common.sh would put the real cosign built there back on PATH).
rm "$bin/cosign"
case_path="$bin:/usr/bin:/bin"
if PATH="$case_path" command -v cosign >/dev/null 2>&1; then
  log "generate-sbom-test: a real cosign is in /usr/bin or /bin; the missing-tool case is not run"
else
  AKS_TOOLS_HOME="$work/no-tools" run_case -o "$work/nocosign" "$image"
  check "cosign missing: exit 3" test "$rc" -eq 3
  check "cosign missing: names the tool and the installer" has_output "cosign is not installed"
  check "cosign missing: syft not run (nothing half-done)" call_count syft 0
fi

finish "fake syft/cosign on PATH"
