#!/usr/bin/env bash
# Runs Kyverno's real admission controller (the kyverno-controller the lock pins, the version of
# the chart) for the sim cluster, out of cluster, as its Deployment would run in it: started by
# scripts/sim-cluster.sh, it waits until the kyverno release is installed, then runs the binary
# with the container arguments and environment of the rendered kyverno-admission-controller
# Deployment and a token of that Deployment's own ServiceAccount (so Kyverno works with the
# chart's RBAC, not as an administrator). `--serverIP` makes Kyverno register its webhooks by URL
# (https://127.0.0.1:PORT), which the API server reaches; the certificates are Kyverno's own.
# When the Deployment goes (bootstrap destroy), the controller stops and the webhook
# configurations Kyverno manages are deleted, which in a real cluster the chart's post-delete hook
# Job does (its pod is fake here). Restarts the controller if it exits.
#
# Usage: run-kyverno.sh STATE_DIR WEBHOOK_PORT METRICS_PORT
set -uo pipefail
dir="$1"
port="$2"
metrics="$3"
kc=(kubectl --kubeconfig "$dir/kubeconfig" --request-timeout=20s)
ns=kyverno
deploy=kyverno-admission-controller
log() { printf '%s run-kyverno: %s\n' "$(date -u +%H:%M:%S)" "$*"; }

release_present() {
  "${kc[@]}" get crd clusterpolicies.kyverno.io -o 'jsonpath={.status.conditions[?(@.type=="Established")].status}' 2>/dev/null | grep -q True &&
    "${kc[@]}" -n "$ns" get deployment "$deploy" -o name >/dev/null 2>&1
}

# The kyverno container's arguments (one per line) and environment (NAME=VALUE per line), with
# the values a pod takes from its own metadata filled in as the API server would.
container_spec() {
  "${kc[@]}" -n "$ns" get deployment "$deploy" -o json | python3 -c '
import json, sys
d = json.load(sys.stdin)
c = [c for c in d["spec"]["template"]["spec"]["containers"] if c["name"] == "kyverno"][0]
out_args, out_env = sys.argv[1], sys.argv[2]
skip = ("--webhookServerPort=", "--metricsPort=", "--serverIP=", "--kubeconfig=")
with open(out_args, "w") as f:
    for a in c.get("args", []):
        if not a.startswith(skip):
            f.write(a + "\n")
fields = {"metadata.namespace": d["metadata"]["namespace"], "metadata.name": d["metadata"]["name"] + "-sim"}
with open(out_env, "w") as f:
    for e in c.get("env", []):
        if "value" in e:
            f.write(e["name"] + "=" + e["value"] + "\n")
        elif "fieldRef" in e.get("valueFrom", {}):
            f.write(e["name"] + "=" + fields[e["valueFrom"]["fieldRef"]["fieldPath"]] + "\n")
' "$dir/kyverno/args" "$dir/kyverno/env"
}

token_kubeconfig() {
  local sa token
  sa="$("${kc[@]}" -n "$ns" get deployment "$deploy" -o 'jsonpath={.spec.template.spec.serviceAccountName}')"
  token="$("${kc[@]}" -n "$ns" create token "$sa" --duration=4h)" || return 1
  (
    umask 077
    sed -n '/^users:/q;p' "$dir/kubeconfig"
    printf 'users:\n  - name: kyverno\n    user:\n      token: %s\ncontexts:\n  - name: kyverno\n    context: {cluster: sim, user: kyverno}\ncurrent-context: kyverno\n' "$token"
  ) >"$dir/kyverno/kubeconfig"
}

cleanup_webhooks() {
  "${kc[@]}" delete validatingwebhookconfiguration,mutatingwebhookconfiguration \
    -l webhook.kyverno.io/managed-by=kyverno --ignore-not-found >/dev/null 2>&1
}

mkdir -p "$dir/kyverno"
child=""
trap '[ -n "$child" ] && kill "$child" 2>/dev/null; exit 0' TERM INT
while true; do
  if ! release_present; then
    if [ -n "$child" ]; then
      log "the kyverno release is gone: stopping the controller and removing its webhooks"
      kill "$child" 2>/dev/null
      wait "$child" 2>/dev/null
      child=""
      cleanup_webhooks
    fi
    sleep 2
    continue
  fi
  if [ -z "$child" ] || ! kill -0 "$child" 2>/dev/null; then
    if container_spec && token_kubeconfig; then
      mapfile -t args <"$dir/kyverno/args"
      mapfile -t env <"$dir/kyverno/env"
      log "starting kyverno-controller on 127.0.0.1:$port"
      env "${env[@]}" TUF_ROOT="$dir/kyverno/sigstore" kyverno-controller "${args[@]}" \
        --kubeconfig="$dir/kyverno/kubeconfig" --serverIP="127.0.0.1:$port" \
        --webhookServerPort="$port" --metricsPort="$metrics" &
      child=$!
    fi
  fi
  sleep 2
done
