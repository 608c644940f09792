#!/usr/bin/env bash
# Generates the CycloneDX and SPDX SBOMs of a container image with Syft and attaches both to the
# image as signed cosign attestations (keyless by default: the GitHub OIDC identity of the workflow),
# in cosign's tag-based format (`sha256-<digest>.sig` / `.att`): the one format the SLSA generator's
# provenance, `cosign copy`, scripts/verify-image.sh and Kyverno 1.14's verifyImages all read.
#
# Usage: scripts/generate-sbom.sh [options] IMAGE@sha256:DIGEST
#   -o, --output-dir DIR   where sbom.cdx.json and sbom.spdx.json are written (default: target/sbom)
#   -k, --key REF          sign with this cosign key (file, KMS URI, azurekms://...) instead of keyless
#       --sign-image       also sign the image itself (cosign sign)
#       --no-attest        only write the SBOM files
#       --no-tlog-upload   with --key only: no transparency-log entry (offline tests against a
#                          loopback registry; keyless signing always logs to Rekor)
#   -h, --help
#
# The image must be referenced by digest: a tag can move, and the attestation must describe exactly
# the content that was scanned. Exit codes: 0 done, 1 a Syft/cosign step failed, 2 invalid usage,
# 3 a required tool is missing. Nothing is attested unless both SBOMs were produced.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

readonly EXIT_STEP_FAILED=1 EXIT_USAGE=2 EXIT_MISSING_TOOL=3

usage() {
  sed -n '7,15s/^# \{0,1\}//p' "$0"
}

usage_error() {
  fail "$1"
  usage >&2
  exit "$EXIT_USAGE"
}

output_dir="$REPO_ROOT/target/sbom"
key=""
sign_image=false
attest=true
tlog_upload=true
image=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    -o | --output-dir)
      if [ "$#" -lt 2 ] || [ -z "$2" ]; then usage_error "$1 needs a directory"; fi
      output_dir="$2"
      shift 2
      ;;
    -k | --key)
      if [ "$#" -lt 2 ] || [ -z "$2" ]; then usage_error "$1 needs a key reference"; fi
      key="$2"
      shift 2
      ;;
    --sign-image)
      sign_image=true
      shift
      ;;
    --no-attest)
      attest=false
      shift
      ;;
    --no-tlog-upload)
      tlog_upload=false
      shift
      ;;
    -h | --help) usage && exit 0 ;;
    -*) usage_error "unknown option: $1" ;;
    *)
      [ -z "$image" ] || usage_error "only one image can be given (got $image and $1)"
      image="$1"
      shift
      ;;
  esac
done

[ -n "$image" ] || usage_error "no image given"
if ! [[ "$image" =~ ^[a-z0-9]([a-z0-9._:-]*[a-z0-9])?(/[a-z0-9._-]+)+(:[A-Za-z0-9_.-]+)?@sha256:[0-9a-f]{64}$ ]]; then
  usage_error "image must be referenced by digest (<registry>/<name>@sha256:<64 hex>), got: $image"
fi
if [ "$sign_image" = true ] && [ "$attest" = false ]; then
  usage_error "--sign-image and --no-attest contradict each other"
fi
if [ "$tlog_upload" = false ] && [ -z "$key" ]; then
  usage_error "--no-tlog-upload needs --key (a keyless signature is only trusted through its Rekor entry)"
fi

need=(syft)
[ "$attest" = false ] || need+=(cosign)
for tool in "${need[@]}"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    fail "$tool is not installed (scripts/install-security-tools.sh installs the pinned version)"
    exit "$EXIT_MISSING_TOOL"
  fi
done

mkdir -p "$output_dir"
cdx="$output_dir/sbom.cdx.json"
spdx="$output_dir/sbom.spdx.json"
rm -f "$cdx" "$spdx"

log "==> syft: CycloneDX and SPDX SBOMs of $image"
if ! run_tool syft scan "registry:$image" --quiet -o "cyclonedx-json=$cdx" -o "spdx-json=$spdx"; then
  fail "syft could not catalogue $image"
  exit "$EXIT_STEP_FAILED"
fi
for f in "$cdx" "$spdx"; do
  if [ ! -s "$f" ]; then
    fail "syft reported success but wrote no $f"
    exit "$EXIT_STEP_FAILED"
  fi
  log "  $(sha256sum "$f" | cut -d' ' -f1)  $f"
done

if [ "$attest" = false ]; then
  log "SBOMs written to $output_dir (not attested: --no-attest)"
  exit 0
fi

# cosign 3 writes a Sigstore bundle through the OCI referrers API unless told otherwise; the legacy
# tag format needs both flags (a signing config implies bundles).
sign_args=(--yes --new-bundle-format=false --use-signing-config=false)
[ -z "$key" ] || sign_args+=(--key "$key")
[ "$tlog_upload" = true ] || sign_args+=(--tlog-upload=false)

if [ "$sign_image" = true ]; then
  log "==> cosign sign $image"
  run_tool cosign sign "${sign_args[@]}" "$image" || {
    fail "cosign could not sign $image"
    exit "$EXIT_STEP_FAILED"
  }
fi

log "==> cosign attest: CycloneDX and SPDX predicates on $image"
run_tool cosign attest "${sign_args[@]}" --type cyclonedx --predicate "$cdx" "$image" || {
  fail "cosign could not attest the CycloneDX SBOM to $image"
  exit "$EXIT_STEP_FAILED"
}
run_tool cosign attest "${sign_args[@]}" --type spdxjson --predicate "$spdx" "$image" || {
  fail "cosign could not attest the SPDX SBOM to $image"
  exit "$EXIT_STEP_FAILED"
}
log "SBOMs written to $output_dir and attested to $image"
