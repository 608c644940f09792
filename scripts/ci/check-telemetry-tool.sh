#!/usr/bin/env bash
# Runs a telemetry tool's own configuration check on the configuration its pinned Helm chart renders
# from observability/<tool>/values.yaml, inside the very image (tag@digest) those values pin.
# Needs helm, yq (mikefarah) and docker: GitHub runners only (.github/workflows/observability-tools.yml).
#
# Usage: scripts/ci/check-telemetry-tool.sh loki|tempo|fluent-bit|otel-collector
# Exit: 0 valid, 1 the tool rejected its configuration, 2 usage or rendering error.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"

tool="${1:-}"
# repo URL, chart, version (the contract's pins), config object kind/name, data key, image path in values.
case "$tool" in
  loki)
    repo=https://grafana.github.io/helm-charts chart=loki version=6.29.0
    object=loki key=config.yaml image_path='.loki.image.registry + "/" + .loki.image.repository + ":" + .loki.image.tag' ;;
  tempo)
    repo=https://grafana.github.io/helm-charts chart=tempo version=1.21.0
    object=tempo key=tempo.yaml image_path='"docker.io/" + .tempo.repository + ":" + .tempo.tag' ;;
  fluent-bit)
    repo=https://fluent.github.io/helm-charts chart=fluent-bit version=0.48.9
    object=fluent-bit key=fluent-bit.conf image_path='.image.repository + ":" + .image.tag' ;;
  otel-collector)
    repo=https://open-telemetry.github.io/opentelemetry-helm-charts chart=opentelemetry-collector version=0.122.0
    object=opentelemetry-collector key=relay image_path='"docker.io/" + .image.repository + ":" + .image.tag' ;;
  *)
    fail "usage: $0 loki|tempo|fluent-bit|otel-collector"
    exit 2 ;;
esac

values="observability/$tool/values.yaml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

TOOL_TIMEOUT=120 run_tool helm repo add "$tool-charts" "$repo" >/dev/null
TOOL_TIMEOUT=300 run_tool helm template "$object" "$tool-charts/$chart" --version "$version" \
  --namespace monitoring -f "$values" >"$work/rendered.yaml" || exit 2

# Every data key of the tool's ConfigMap, as the pod would see it mounted.
mkdir -p "$work/conf"
export object
yq -e 'select(.kind == "ConfigMap" and .metadata.name == strenv(object)) | .data | keys | .[]' "$work/rendered.yaml" >"$work/keys" || {
  fail "$tool: chart $chart $version rendered no ConfigMap $object"
  exit 2
}
while IFS= read -r k; do
  export k
  yq 'select(.kind == "ConfigMap" and .metadata.name == strenv(object)) | .data[strenv(k)]' "$work/rendered.yaml" >"$work/conf/$k"
done <"$work/keys"
[ -s "$work/conf/$key" ] || { fail "$tool: ConfigMap $object has no $key"; exit 2; }

image="$(yq -r "$image_path" "$values")"
log "$tool: chart $chart $version, image $image, checking $key"
# Fluent Bit's configuration names its own mount path (Parsers_File, Label_map_path).
mount=/conf
[ "$tool" != fluent-bit ] || mount=/fluent-bit/etc/conf
run=(docker run --rm --network none -v "$work/conf:$mount:ro")
case "$tool" in
  loki)
    TOOL_TIMEOUT=300 run_tool "${run[@]}" "$image" -config.file=/conf/config.yaml -config.expand-env=true -verify-config=true ;;
  tempo)
    TOOL_TIMEOUT=300 run_tool "${run[@]}" "$image" -config.file=/conf/tempo.yaml -config.expand-env=true -config.verify=true ;;
  fluent-bit)
    # The values reference credentials as ${VAR}; dry-run needs them defined, not real.
    TOOL_TIMEOUT=300 run_tool "${run[@]}" -e AZURE_TENANT_ID=t -e AZURE_CLIENT_ID=c -e AZURE_CLIENT_SECRET=s \
      -e AZURE_DCE_URL=https://dce.example -e AZURE_DCR_ID=dcr-0 \
      --entrypoint /fluent-bit/bin/fluent-bit "$image" --dry-run -c "$mount/fluent-bit.conf" ;;
  otel-collector)
    TOOL_TIMEOUT=300 run_tool "${run[@]}" -e MY_POD_IP=127.0.0.1 "$image" validate --config=/conf/relay ;;
esac
log "$tool: configuration accepted by the tool itself"
