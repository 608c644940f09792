#!/usr/bin/env bash
# Stand-in for the controllers whose finalizers nothing processes in the sim cluster (their pods are
# faked by kwok): when an object carrying one of these finalizers is being deleted, the finalizer is
# removed, as the controller does once its own cleanup is done. Only Argo CD's: its controllers sync
# nothing in sim, so there is nothing for their cleanup to remove. Every other finalizer (the
# namespace, PersistentVolume and claim protection, garbage collection) is left to the real
# controller manager. Started and stopped by scripts/sim-cluster.sh.
#
# Usage: finalizer-stand-in.sh STATE_DIR
set -uo pipefail
kc=(kubectl --kubeconfig "$1/kubeconfig" --request-timeout=20s)
# resource  finalizer
readonly WATCHED=(
  "applications.argoproj.io resources-finalizer.argocd.argoproj.io"
  "appprojects.argoproj.io resources-finalizer.argocd.argoproj.io"
)
trap 'exit 0' TERM INT
while true; do
  for entry in "${WATCHED[@]}"; do
    read -r resource finalizer <<<"$entry"
    "${kc[@]}" get "$resource" -A -o json 2>/dev/null | python3 -c '
import json, sys
finalizer = sys.argv[1]
for item in json.load(sys.stdin).get("items", []):
    meta = item["metadata"]
    if meta.get("deletionTimestamp") and finalizer in meta.get("finalizers", []):
        rest = [f for f in meta["finalizers"] if f != finalizer]
        print(meta.get("namespace", ""), meta["name"], json.dumps({"metadata": {"finalizers": rest}}))
' "$finalizer" | while read -r ns name patch; do
      "${kc[@]}" -n "$ns" patch "$resource" "$name" --type=merge -p "$patch" >/dev/null 2>&1 &&
        printf '%s finalizer-stand-in: released %s %s/%s\n' "$(date -u +%H:%M:%S)" "$resource" "$ns" "$name"
    done
  done
  sleep 2
done
