#!/usr/bin/env bash
# Verifies, before anything deploys an image, what the admission policy will demand of it:
#   1. a cosign keyless signature by this repository's CI or release workflow on main;
#   2. SLSA provenance signed by slsa-github-generator's container workflow whose predicate names
#      this repository's main branch and one of those two workflows as the build, for this digest;
#   3. CycloneDX and SPDX SBOM attestations signed by the same workflows.
# Only cosign's tag-based format is read (`sha256-<digest>.sig` / `.att`, --new-bundle-format=false):
# the generator attests in it, `cosign copy` copies it and Kyverno 1.14 admits by it.
#
# Usage: scripts/verify-image.sh [--test-key SIGNER.pub --test-provenance-key GENERATOR.pub] IMAGE@sha256:DIGEST
#   --test-key, --test-provenance-key  for tests against a loopback registry only: public keys that
#        stand in for the two keyless identities (the workflows' and the generator's), without a
#        transparency log; every other check (provenance content, digest, both SBOMs) is unchanged
# Environment: SOURCE_REPOSITORY (owner/name, required; GITHUB_REPOSITORY in Actions),
#   SOURCE_SERVER (default https://github.com).
# Exit codes: 0 verified, 1 a verification failed, 2 invalid usage, 3 cosign or jq missing.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

usage_error() { usage_exit 10,16 "$1"; }

signer_pub="" generator_pub=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --test-key | --test-provenance-key)
      if [ "$#" -lt 2 ] || [ ! -f "$2" ]; then usage_error "$1 needs a public key file, got: ${2:-nothing}"; fi
      if [ "$1" = --test-key ]; then signer_pub="$2"; else generator_pub="$2"; fi
      shift 2
      ;;
    -*) usage_error "unknown option: $1" ;;
    *) break ;;
  esac
done
if [ -n "$signer_pub$generator_pub" ] && { [ -z "$signer_pub" ] || [ -z "$generator_pub" ]; }; then
  usage_error "--test-key and --test-provenance-key go together"
fi
[ "$#" -eq 1 ] || usage_error "expected one image reference"
image="$1"
[[ "$image" =~ ^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+@(sha256:[0-9a-f]{64})$ ]] ||
  usage_error "the image must be referenced by digest (<registry>/<repository>@sha256:<64 hex>), got: $image"
digest="${BASH_REMATCH[3]}"
repository="${SOURCE_REPOSITORY:-${GITHUB_REPOSITORY:-}}"
[[ "$repository" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || usage_error "SOURCE_REPOSITORY must be owner/name, got: ${repository:-nothing}"
server="${SOURCE_SERVER:-https://github.com}"
for tool in cosign jq; do
  command -v "$tool" >/dev/null 2>&1 || {
    fail "$tool is not installed (scripts/install-security-tools.sh installs cosign)"
    exit 3
  }
done

# Regex-escape a literal (a host and repository name) for the identity patterns below.
re_escape() {
  local out="" c i
  for ((i = 0; i < ${#1}; i++)); do
    c="${1:i:1}"
    case "$c" in [].[\(\)*+?^\$\|\\]) out+="\\$c" ;; *) out+="$c" ;; esac
  done
  printf '%s' "$out"
}
issuer=https://token.actions.githubusercontent.com
workflows='\.github/workflows/(ci-pipeline|release)\.yml'
signer="^$(re_escape "$server/$repository")/$workflows@refs/heads/main\$"
generator='^https://github\.com/slsa-framework/slsa-github-generator/\.github/workflows/generator_container_slsa3\.yml@refs/tags/v[0-9]+\.[0-9]+\.[0-9]+$'
source_uri="^git\\+$(re_escape "$server/$repository")@refs/heads/main(\\.git)?\$"
# Who must have signed what: the keyless identities, or the test keys standing in for them.
if [ -n "$signer_pub" ]; then
  by_signer=(--key "$signer_pub" --insecure-ignore-tlog=true)
  by_generator=(--key "$generator_pub" --insecure-ignore-tlog=true)
  signer_name="the test key $signer_pub"
  generator_name="the test provenance key $generator_pub"
else
  by_signer=(--certificate-identity-regexp "$signer" --certificate-oidc-issuer "$issuer")
  by_generator=(--certificate-identity-regexp "$generator" --certificate-oidc-issuer "$issuer")
  signer_name="$repository's CI or release workflow on main"
  generator_name="slsa-github-generator's container workflow"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

log "==> signature of $image"
run_tool cosign verify --new-bundle-format=false "${by_signer[@]}" "$image" >/dev/null || {
  fail "$image carries no signature of $signer_name"
  exit 1
}

log "==> SLSA provenance"
run_tool cosign verify-attestation --new-bundle-format=false --type slsaprovenance "${by_generator[@]}" \
  "$image" >"$work/provenance.jsonl" || {
  fail "$image has no SLSA provenance signed by $generator_name"
  exit 1
}
# Every verified statement must describe this digest and a build of this repository's main branch
# by one of its two image workflows.
problems="$(jq -r --arg digest "${digest#sha256:}" --arg uri "$source_uri" --arg entry "^$workflows\$" --arg builder "$generator" '
  .payload | @base64d | fromjson |
  if .predicateType != "https://slsa.dev/provenance/v0.2" then "predicate type \(.predicateType)"
  elif ([.subject[]?.digest.sha256] | index($digest)) == null then "subject is not \($digest[0:12])"
  elif (.predicate.builder.id // "" | test($builder)) | not then "builder \(.predicate.builder.id)"
  elif (.predicate.invocation.configSource.uri // "" | test($uri)) | not then "built from \(.predicate.invocation.configSource.uri)"
  elif (.predicate.invocation.configSource.entryPoint // "" | test($entry)) | not then "built by \(.predicate.invocation.configSource.entryPoint)"
  else empty end' "$work/provenance.jsonl" 2>&1)" || problems="unreadable provenance: $problems"
if [ -n "$problems" ] || [ ! -s "$work/provenance.jsonl" ]; then
  fail "SLSA provenance of $image does not match $repository main: ${problems:-no statement}"
  exit 1
fi

for type in cyclonedx spdxjson; do
  log "==> $type SBOM attestation"
  run_tool cosign verify-attestation --new-bundle-format=false --type "$type" "${by_signer[@]}" \
    "$image" >/dev/null || {
    fail "$image has no $type SBOM attestation of $signer_name"
    exit 1
  }
done
log "verified $image: signature, SLSA provenance ($repository main), CycloneDX and SPDX SBOMs"
