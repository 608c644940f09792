#!/usr/bin/env bash
# Tests scripts/verify-image.sh's arguments and its reading of provenance statements against a
# STAND-IN cosign that records its arguments and answers with recorded DSSE envelopes: the keyless
# identities and the legacy-format flag it passes; provenance from another repository, branch or
# workflow, for another digest or from another builder fails; so do a missing signature or SBOM.
# Whether signatures and attestations really verify is proven with the real cosign against a real
# registry by signing-chain-test.sh; this test only covers what a stand-in can answer.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=verify-image-test
require_tool jq || exit 1

use_workdir
mkdir -p "$work/bin"
cat >"$work/bin/cosign" <<'FAKE'
#!/usr/bin/env bash
# verify → exit $FAKE_SIGNATURE_EXIT; verify-attestation --type T → prints $FAKE_DIR/T.jsonl when it
# exists, else fails as cosign does when no attestation of that type verifies.
printf '%s\n' "$*" >>"$FAKE_DIR/calls"
case "$1" in
  verify) exit "${FAKE_SIGNATURE_EXIT:-0}" ;;
  verify-attestation)
    type="$(sed -n 's/.*--type \([a-z]*\).*/\1/p' <<<"$*")"
    [ -f "$FAKE_DIR/$type.jsonl" ] || { echo "Error: none of the attestations matched the predicate type: $type" >&2; exit 1; }
    cat "$FAKE_DIR/$type.jsonl" ;;
esac
FAKE
chmod +x "$work/bin/cosign"

hex="$(printf 'a%.0s' {1..64})"
image="acrdevsecopsstg.azurecr.io/devsecops-app@sha256:$hex"
builder="https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.1.0"
# provenance URI ENTRYPOINT [SUBJECT_HEX] [BUILDER] : writes one DSSE envelope line as cosign prints it.
provenance() {
  jq -cn --arg uri "$1" --arg entry "$2" --arg sub "${3:-$hex}" --arg builder "${4:-$builder}" '{
    _type: "https://in-toto.io/Statement/v0.1", predicateType: "https://slsa.dev/provenance/v0.2",
    subject: [{name: "acrdevsecopsstg.azurecr.io/devsecops-app", digest: {sha256: $sub}}],
    predicate: {builder: {id: $builder}, buildType: "https://github.com/slsa-framework/slsa-github-generator/container@v1",
      invocation: {configSource: {uri: $uri, digest: {sha1: "0123456789abcdef0123456789abcdef01234567"}, entryPoint: $entry}}}}' |
    jq -cR '{payloadType: "application/vnd.in-toto+json", payload: (. | @base64), signatures: [{sig: "MEUCIQ"}]}' >"$work/slsaprovenance.jsonl"
}
good_uri="git+https://github.com/aks-devsecops/platform@refs/heads/main"
reset() {
  provenance "$good_uri" .github/workflows/ci-pipeline.yml
  echo '{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[]}' >"$work/cyclonedx.jsonl"
  cp "$work/cyclonedx.jsonl" "$work/spdxjson.jsonl"
  : >"$work/calls"
}
verify() {
  rc=0
  out="$(PATH="$work/bin:$PATH" FAKE_DIR="$work" SOURCE_REPOSITORY=aks-devsecops/platform \
    bash "$REPO_ROOT/scripts/verify-image.sh" "$@" 2>&1)" || rc=$?
}
assert_context() { printf 'cosign calls:\n%s\n' "$(cat "$work/calls")"; }

reset
verify "$image"
check "good image: exit 0" test "$rc" -eq 0
check "good image: signature checked against this repository's workflows on main" \
  grep -qF -- "verify --new-bundle-format=false --certificate-identity-regexp ^https://github\\.com/aks-devsecops/platform/\\.github/workflows/(ci-pipeline|release)\\.yml@refs/heads/main\$ --certificate-oidc-issuer https://token.actions.githubusercontent.com $image" "$work/calls"
check "good image: provenance signed by the SLSA container generator" \
  grep -qF -- "verify-attestation --new-bundle-format=false --type slsaprovenance --certificate-identity-regexp ^https://github\\.com/slsa-framework/slsa-github-generator/" "$work/calls"
check "good image: both SBOM attestations checked" test "$(grep -cE -- '--type (cyclonedx|spdxjson) ' "$work/calls")" -eq 2
check "good image: only the tag-based format is read" test "$(grep -vc -- '--new-bundle-format=false' "$work/calls")" -eq 0
reset
: >"$work/signer.pub"
: >"$work/generator.pub"
verify --test-key "$work/signer.pub" --test-provenance-key "$work/generator.pub" "$image"
check "test keys: exit 0" test "$rc" -eq 0
check "test keys: the signature checked against the signer key, no transparency log" \
  grep -qxF -- "verify --new-bundle-format=false --key $work/signer.pub --insecure-ignore-tlog=true $image" "$work/calls"
check "test keys: the provenance checked against the generator key" \
  grep -qxF -- "verify-attestation --new-bundle-format=false --type slsaprovenance --key $work/generator.pub --insecure-ignore-tlog=true $image" "$work/calls"
check "test keys: no keyless identity asked for" test "$(grep -c -- --certificate "$work/calls")" -eq 0
verify --test-key "$work/signer.pub" "$image"
check "one test key without the other: exit 2" test "$rc" -eq 2
check "one test key without the other: explained" has_output "go together"
verify --test-key "$work/missing.pub" --test-provenance-key "$work/generator.pub" "$image"
check "a test key file that does not exist: exit 2" test "$rc" -eq 2
check "a test key file that does not exist: named" has_output "$work/missing.pub"
reset
provenance "$good_uri.git" .github/workflows/release.yml
verify "$image"
check "release workflow provenance (uri with .git) passes" test "$rc" -eq 0
reset
provenance "git+https://github.com/someone/fork@refs/heads/main" .github/workflows/ci-pipeline.yml
verify "$image"
check "provenance from another repository: exit 1" test "$rc" -eq 1
check "provenance from another repository: named" has_output "built from git+https://github.com/someone/fork@refs/heads/main"
reset
provenance "git+https://github.com/aks-devsecops/platform@refs/heads/feature" .github/workflows/ci-pipeline.yml
verify "$image"
check "provenance from another branch: exit 1" test "$rc" -eq 1
reset
provenance "$good_uri" .github/workflows/dast.yml
verify "$image"
check "provenance from another workflow: exit 1" test "$rc" -eq 1
check "provenance from another workflow: named" has_output "built by .github/workflows/dast.yml"
reset
provenance "$good_uri" .github/workflows/ci-pipeline.yml "$(printf 'b%.0s' {1..64})"
verify "$image"
check "provenance of another digest: exit 1" test "$rc" -eq 1
check "provenance of another digest: named" has_output "subject is not aaaaaaaaaaaa"
reset
provenance "$good_uri" .github/workflows/ci-pipeline.yml "$hex" "https://github.com/evil/generator/.github/workflows/x.yml@refs/heads/main"
verify "$image"
check "provenance from another builder: exit 1" test "$rc" -eq 1
reset
rm "$work/slsaprovenance.jsonl"
verify "$image"
check "no provenance: exit 1" test "$rc" -eq 1
check "no provenance: explained" has_output "has no SLSA provenance"
reset
rm "$work/spdxjson.jsonl"
verify "$image"
check "no SPDX SBOM attestation: exit 1" test "$rc" -eq 1
check "no SPDX SBOM attestation: named" has_output "no spdxjson SBOM attestation"
reset
rc=0
out="$(PATH="$work/bin:$PATH" FAKE_DIR="$work" FAKE_SIGNATURE_EXIT=1 SOURCE_REPOSITORY=aks-devsecops/platform \
  bash "$REPO_ROOT/scripts/verify-image.sh" "$image" 2>&1)" || rc=$?
check "unsigned image: exit 1" test "$rc" -eq 1
check "unsigned image: nothing else is trusted" test "$(grep -c verify-attestation "$work/calls")" -eq 0
verify acrdevsecopsstg.azurecr.io/devsecops-app:latest
check "a tag instead of a digest: exit 2" test "$rc" -eq 2
unset -f assert_context

finish "stand-in cosign with recorded DSSE envelopes"
