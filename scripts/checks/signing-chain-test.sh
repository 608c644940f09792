#!/usr/bin/env bash
# The image signing chain with the real tools against a real OCI registry on loopback (Debian's
# docker-registry, plain HTTP on 127.0.0.1, which cosign's registry client talks to without flags):
#   - scripts/generate-sbom.sh signs the image and attests the CycloneDX and SPDX SBOMs with the
#     pinned cosign 3 exactly as the workflows run it (only its --key/--no-tlog-upload differ from
#     keyless; Syft is a stand-in here: what an SBOM says is not the point, how it is signed is);
#   - cosign 2.2.3, the library slsa-github-generator v2.1.0 signs with, attests SLSA provenance;
#   - everything lands in the one tag-based format (sha256-<digest>.sig / .att, no bundle);
#   - scripts/verify-image.sh accepts the image (test keys standing in for the keyless identities);
#   - scripts/promote-image.sh --copy-from --verify copies it to another repository, where it
#     verifies again (cosign copy carries the tag-based signatures and attestations);
#   - refusals, exit 1 with the reason: an unsigned image, an image signed by another key,
#     provenance signed by another key, provenance naming another repository, and an image
#     signed in cosign 3's default bundle format (which also hides the generator's provenance from
#     cosign 3's own default verify-attestation: the reason for the one-format decision); a bundle
#     planted next to a good chain changes nothing;
#   - Kyverno 1.14's CLI (`kyverno apply`) runs verify-image-signatures, its keyless attestors
#     rewritten to the test keys (no Rekor, no SCT), against the same registry: the good image is
#     admitted; unsigned, provenance by another key, provenance of another repository (the policy's
#     conditions) and the bundle-format signature are refused.
# Prints its run time. Stand-ins: Syft, and the test keys for the Fulcio identities.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=signing-chain-test
for tool in cosign cosign-v2 docker-registry kyverno jq curl python3; do require_tool "$tool" || exit 1; done
started=$SECONDS

use_workdir
mkdir -p "$work/bin" "$work/keys" "$work/docker" "$work/registry"
# No credentials of this machine reach the registry calls.
export DOCKER_CONFIG="$work/docker"
# The keys' passphrase: random, in the environment only, never printed.
COSIGN_PASSWORD="$(head -c 24 /dev/urandom | base64)"
export COSIGN_PASSWORD
export SOURCE_REPOSITORY=aks-devsecops/platform

# --- the registry ------------------------------------------------------------------------------
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
registry="127.0.0.1:$port"
cat >"$work/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: $registry
EOF
timeout 900 docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
server_pids+=("$!")
up=false
for _ in $(seq 1 50); do
  if curl -fs -m 2 -o /dev/null "http://$registry/v2/"; then up=true && break; fi
  sleep 0.2
done
if [ "$up" != true ]; then
  fail "$ASSERT_NAME: docker-registry did not answer on $registry"
  cat "$work/registry.log" >&2
  exit 1
fi

# upload_blob REPO FILE : a monolithic blob upload (POST, then PUT with the digest).
upload_blob() {
  local loc sep='?'
  loc="$(curl -fsS -m 30 -X POST -D - -o /dev/null "http://$registry/v2/$1/blobs/uploads/" |
    tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  case "$loc" in /*) loc="http://$registry$loc" ;; esac
  [[ "$loc" != *\?* ]] || sep='&'
  curl -fsS -m 30 -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$2" \
    -o /dev/null "$loc${sep}digest=sha256:$(sha256sum "$2" | cut -d' ' -f1)"
}
# push_image REPO TEXT : pushes a one-layer OCI image whose only file holds TEXT (tag "build");
# prints its digest.
push_image() {
  local dir
  dir="$(mktemp -d "$work/image-XXXX")"
  mkdir "$dir/root"
  printf '%s\n' "$2" >"$dir/root/build.txt"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$dir/root" -cf "$dir/layer.tar" build.txt
  gzip -n -c "$dir/layer.tar" >"$dir/layer.tar.gz"
  jq -cn --arg diff "sha256:$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)" \
    '{architecture: "amd64", os: "linux", config: {}, rootfs: {type: "layers", diff_ids: [$diff]}}' >"$dir/config.json"
  upload_blob "$1" "$dir/config.json" && upload_blob "$1" "$dir/layer.tar.gz" || return 1
  jq -cn --arg c "sha256:$(sha256sum "$dir/config.json" | cut -d' ' -f1)" --argjson cs "$(stat -c %s "$dir/config.json")" \
    --arg l "sha256:$(sha256sum "$dir/layer.tar.gz" | cut -d' ' -f1)" --argjson ls "$(stat -c %s "$dir/layer.tar.gz")" '{
      schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
      layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $l, size: $ls}]}' >"$dir/manifest.json"
  curl -fsS -m 30 -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
    --data-binary "@$dir/manifest.json" -o /dev/null "http://$registry/v2/$1/manifests/build" || return 1
  printf 'sha256:%s\n' "$(sha256sum "$dir/manifest.json" | cut -d' ' -f1)"
}
tags() { curl -fsS -m 10 "http://$registry/v2/$1/tags/list" | jq -r '.tags[]?' | sort; }
# att_types REPO DIGEST : the predicate types of the layers of the tag-based attestation manifest.
att_types() {
  curl -fsS -m 10 -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
    "http://$registry/v2/$1/manifests/sha256-${2#sha256:}.att" | jq -r '.layers[].annotations.predicateType' | sort
}

# --- keys, stand-in Syft, provenance -----------------------------------------------------------
for k in signer generator intruder; do
  TOOL_TIMEOUT=60 run_tool cosign generate-key-pair --output-key-prefix "$work/keys/$k" >/dev/null 2>&1 ||
    { fail "$ASSERT_NAME: cosign generate-key-pair failed"; exit 1; }
done
# Stand-in Syft: a minimal CycloneDX and SPDX document at every -o FORMAT=FILE target.
cat >"$work/bin/syft" <<'STANDIN'
#!/usr/bin/env bash
while [ "$#" -gt 0 ]; do
  if [ "$1" = -o ]; then
    case "${2%%=*}" in
      cyclonedx-json) printf '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[]}\n' >"${2#*=}" ;;
      spdx-json) printf '{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"image","dataLicense":"CC0-1.0","packages":[]}\n' >"${2#*=}" ;;
    esac
    shift
  fi
  shift
done
STANDIN
chmod +x "$work/bin/syft"

# sign REPO DIGEST KEY : generate-sbom.sh as the workflows run it, with KEY instead of keyless.
sign() {
  PATH="$work/bin:$PATH" TOOL_TIMEOUT=120 run_tool bash "$REPO_ROOT/scripts/generate-sbom.sh" \
    --key "$work/keys/$3.key" --no-tlog-upload --sign-image -o "$work/sbom-$3" "$registry/$1@$2" >"$work/sign.log" 2>&1
}
# provenance REPO DIGEST KEY [SOURCE_URI] : cosign 2.2.3 attests a SLSA v0.2 predicate as the
# container generator writes it.
provenance() {
  local commit
  commit="$(printf 'platform source' | sha1sum | cut -c1-40)"
  jq -n --arg uri "${4:-git+https://github.com/aks-devsecops/platform@refs/heads/main}" --arg commit "$commit" '{
    builder: {id: "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.1.0"},
    buildType: "https://github.com/slsa-framework/slsa-github-generator/container@v1",
    invocation: {configSource: {uri: $uri, digest: {sha1: $commit},
      entryPoint: ".github/workflows/ci-pipeline.yml"}},
    metadata: {buildInvocationID: "1-1", completeness: {parameters: true, environment: false, materials: false},
      reproducible: false}}' >"$work/provenance.json"
  TOOL_TIMEOUT=120 run_tool cosign-v2 attest --yes --key "$work/keys/$3.key" --tlog-upload=false \
    --type slsaprovenance --predicate "$work/provenance.json" "$registry/$1@$2" >"$work/provenance.log" 2>&1
}
verify() {
  rc=0
  out="$(TOOL_TIMEOUT=300 run_tool bash "$REPO_ROOT/scripts/verify-image.sh" --test-key "$work/keys/signer.pub" \
    --test-provenance-key "$work/keys/generator.pub" "$registry/$1@$2" 2>&1)" || rc=$?
}
lacks_output() { ! has_output "$1"; }
has_line() { grep -qxF -- "$1" <<<"$out"; }
lacks_line() { ! has_line "$1"; }
has_line_in() { grep -qxF -- "$2" <<<"$1"; }
assert_context() { printf -- '--- last signing logs:\n'; cat "$work/sign.log" "$work/provenance.log" 2>/dev/null; }

# --- the good chain ----------------------------------------------------------------------------
good="$(push_image staging/app good)"
check "good: the image is pushed" test -n "$good"
sign staging/app "$good" signer
check "good: generate-sbom.sh signs and attests with the real cosign" test "$?" -eq 0
provenance staging/app "$good" generator
check "good: cosign 2.2.3 attests the SLSA provenance" test "$?" -eq 0
hex="${good#sha256:}"
out="$(tags staging/app)"
check "good: exactly the tag-based signature and attestation tags, no bundle" \
  test "$out" = "$(printf '%s\n' build "sha256-$hex.att" "sha256-$hex.sig" | sort)"
out="$(att_types staging/app "$good")"
check "good: the .att tag holds CycloneDX, SPDX and SLSA statements from both cosign lines" \
  test "$out" = "$(printf '%s\n' https://cyclonedx.org/bom https://slsa.dev/provenance/v0.2 https://spdx.dev/Document | sort)"
verify staging/app "$good"
check "good: verify-image.sh exit 0" test "$rc" -eq 0
check "good: verify-image.sh names what it verified" has_output "signature, SLSA provenance (aks-devsecops/platform main), CycloneDX and SPDX SBOMs"

# --- promotion: cosign copy to another repository, verified there -------------------------------
cat >"$work/verify-with-test-keys.sh" <<EOF
exec bash "$REPO_ROOT/scripts/verify-image.sh" --test-key "$work/keys/signer.pub" --test-provenance-key "$work/keys/generator.pub" "\$@"
EOF
rc=0
out="$(VERIFY_IMAGE="$work/verify-with-test-keys.sh" TOOL_TIMEOUT=300 run_tool bash "$REPO_ROOT/scripts/promote-image.sh" \
  --copy-from "$registry/staging/app" --verify --copy-only production "$registry/production/app" "$good" 2>&1)" || rc=$?
check "promote: copy and verify, exit 0" test "$rc" -eq 0
check "promote: the copy verified" has_output "verified $registry/production/app@$good"
out="$(tags production/app)"
check "promote: the signature and attestation tags came along" \
  test "$(grep -cxE "sha256-$hex\\.(sig|att)" <<<"$out")" -eq 2
verify production/app "$good"
check "promote: the copy verifies on its own" test "$rc" -eq 0

# --- refusals ----------------------------------------------------------------------------------
unsigned="$(push_image staging/app unsigned)"
verify staging/app "$unsigned"
check "unsigned image: exit 1" test "$rc" -eq 1
check "unsigned image: named" has_output "carries no signature of the test key"
check "unsigned image: nothing else trusted" lacks_output "==> SLSA provenance"

foreign="$(push_image staging/app foreign)"
sign staging/app "$foreign" intruder
provenance staging/app "$foreign" generator
verify staging/app "$foreign"
check "image signed by another key: exit 1" test "$rc" -eq 1
check "image signed by another key: named" has_output "carries no signature of the test key"

forged="$(push_image staging/app forged-provenance)"
sign staging/app "$forged" signer
provenance staging/app "$forged" intruder
verify staging/app "$forged"
check "provenance signed by another key: exit 1" test "$rc" -eq 1
check "provenance signed by another key: named" has_output "has no SLSA provenance signed by the test provenance key"

mixed="$(push_image staging/app signer-provenance)"
sign staging/app "$mixed" signer
provenance staging/app "$mixed" signer
verify staging/app "$mixed"
check "provenance signed by the workflow's key instead of the generator's: exit 1" test "$rc" -eq 1
check "provenance signed by the workflow's key: named" has_output "has no SLSA provenance signed by the test provenance key"

fork="$(push_image staging/app fork)"
sign staging/app "$fork" signer
provenance staging/app "$fork" generator git+https://github.com/someone/fork@refs/heads/main
verify staging/app "$fork"
check "provenance of another repository (real DSSE): exit 1" test "$rc" -eq 1
check "provenance of another repository: named" has_output "built from git+https://github.com/someone/fork@refs/heads/main"

# cosign 3's default: a Sigstore bundle (OCI 1.1 referrer; this registry has no referrers API, so
# the referrers tag scheme), next to the generator's tag-based provenance.
bundled="$(push_image staging/app bundle-format)"
for step in "sign" "attest --type cyclonedx --predicate $work/sbom-signer/sbom.cdx.json"; do
  # shellcheck disable=SC2086 # step holds the subcommand and its arguments
  TOOL_TIMEOUT=120 run_tool cosign $step --yes --use-signing-config=false --tlog-upload=false \
    --key "$work/keys/signer.key" "$registry/staging/app@$bundled" >"$work/sign.log" 2>&1
done
provenance staging/app "$bundled" generator
out="$(tags staging/app)"
check "bundle format: cosign 3's default writes a referrer, not a .sig tag" \
  has_line "sha256-${bundled#sha256:}"
check "bundle format: no .sig tag" lacks_line "sha256-${bundled#sha256:}.sig"
rc=0
out="$(TOOL_TIMEOUT=120 run_tool cosign verify-attestation --type slsaprovenance --key "$work/keys/generator.pub" \
  --insecure-ignore-tlog=true "$registry/staging/app@$bundled" 2>&1)" || rc=$?
check "bundle format: cosign 3's default verify-attestation no longer finds the generator's provenance" test "$rc" -ne 0
rc=0
out="$(TOOL_TIMEOUT=120 run_tool cosign verify-attestation --new-bundle-format=false --type slsaprovenance \
  --key "$work/keys/generator.pub" --insecure-ignore-tlog=true "$registry/staging/app@$bundled" 2>&1)" || rc=$?
check "bundle format: the tag-based read still finds it" test "$rc" -eq 0
verify staging/app "$bundled"
check "bundle-format signature: verify-image.sh exit 1" test "$rc" -eq 1
check "bundle-format signature: named" has_output "carries no signature of the test key"

# A bundle planted next to a good tag-based chain (anyone who can push can add one): the verifier
# reads the tag-based format only, so the bundle neither hides the chain nor adds to it.
planted="$(push_image staging/app planted-bundle)"
sign staging/app "$planted" signer
provenance staging/app "$planted" generator
TOOL_TIMEOUT=120 run_tool cosign attest --yes --use-signing-config=false --tlog-upload=false --type slsaprovenance \
  --predicate "$work/provenance.json" --key "$work/keys/intruder.key" "$registry/staging/app@$planted" >"$work/sign.log" 2>&1
check "planted bundle: written next to the chain" has_line_in "$(tags staging/app)" "sha256-${planted#sha256:}"
verify staging/app "$planted"
check "planted bundle: verify-image.sh still verifies the tag-based chain (exit 0)" test "$rc" -eq 0

# --- Kyverno 1.14 admission, the CLI against the same registry ---------------------------------
python3 - "$REPO_ROOT/kubernetes/security/kyverno/policies/verify-image-signatures/policy.yaml" \
  "$work/policy.yaml" "$registry" "$work/keys/signer.pub" "$work/keys/generator.pub" <<'PY'
import sys, yaml
src, dst, registry, signer, generator = sys.argv[1:]
policy = yaml.safe_load(open(src))
rule = policy["spec"]["rules"][0]["verifyImages"][0]
def keyed(path):
    return {"keys": {"publicKeys": open(path).read(), "rekor": {"ignoreTlog": True}, "ctlog": {"ignoreSCT": True}}}
rule["imageReferences"] = [registry + "/*"]
rule.pop("skipImageReferences", None)
rule.pop("imageRegistryCredentials", None)
rule["attestors"][0]["entries"] = [keyed(signer)]
rule["attestations"][0]["attestors"][0]["entries"] = [keyed(generator)]
yaml.safe_dump(policy, open(dst, "w"), sort_keys=False)
PY
pod() {
  printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: %s\n  namespace: devsecops\nspec:\n  containers:\n    - name: app\n      image: %s\n' "$1" "$2"
}
kyverno_apply() {
  rc=0
  out="$(TOOL_TIMEOUT=180 run_tool kyverno apply "$work/policy.yaml" --resource "$1" 2>&1)" || rc=$?
}
pod good "$registry/staging/app@$good" >"$work/pod-good.yaml"
kyverno_apply "$work/pod-good.yaml"
check "kyverno: the signed image with its provenance is admitted (exit 0)" test "$rc" -eq 0
check "kyverno: nothing failed" has_output "fail: 0, warn: 0, error: 0"
check "kyverno: the rule passed" lacks_output "pass: 0"
pod unsigned "$registry/staging/app@$unsigned" >"$work/pod-unsigned.yaml"
kyverno_apply "$work/pod-unsigned.yaml"
check "kyverno: the unsigned image is refused (exit 1)" test "$rc" -eq 1
check "kyverno: the unsigned image: no signature found" has_output "no signatures found"
pod forged "$registry/staging/app@$forged" >"$work/pod-forged.yaml"
kyverno_apply "$work/pod-forged.yaml"
check "kyverno: provenance signed by another key is refused (exit 1)" test "$rc" -eq 1
check "kyverno: provenance signed by another key: no attestation verified" has_output "image attestations verification failed"
pod fork "$registry/staging/app@$fork" >"$work/pod-fork.yaml"
kyverno_apply "$work/pod-fork.yaml"
check "kyverno: provenance of another repository is refused (exit 1)" test "$rc" -eq 1
check "kyverno: provenance of another repository: the policy's conditions failed" \
  has_output "attestation checks failed for $registry/staging/app@$fork and predicate https://slsa.dev/provenance/v0.2"
pod bundled "$registry/staging/app@$bundled" >"$work/pod-bundled.yaml"
kyverno_apply "$work/pod-bundled.yaml"
check "kyverno: a bundle-format signature is not read (exit 1)" test "$rc" -eq 1
check "kyverno: a bundle-format signature: no signature found" has_output "no signatures found"

unset -f assert_context
log "signing-chain-test: run time $((SECONDS - started)) s"
finish "cosign $(cosign version 2>/dev/null | sed -n 's/^GitVersion: *//p') and $(cosign-v2 version 2>/dev/null | sed -n 's/^GitVersion: *//p'), docker-registry on $registry, Kyverno CLI"
