#!/usr/bin/env bash
# Benchmark of the real-server path (not a test): on a fresh sim cluster (scripts/sim-cluster.sh),
# times the control plane's start, a full `bootstrap apply --env sim`, a second apply (nothing to
# change), `verify --env sim` and `destroy --env sim`, and the resident memory of the control plane
# and kwok (with and without Kyverno's admission controller) at the end of the apply. Prints one line
# per figure and a JSON line; run it on an idle machine (the load average is printed with it).
#
# Usage: scripts/benchmark-sim.sh   (uses BOOTSTRAP_CHART_MIRROR or ../shared/charts, and a private
#        state directory; needs scripts/install-test-deps.sh to have run)
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

[ -n "${BOOTSTRAP_CHART_MIRROR:-}" ] || usage_exit 7,9 "BOOTSTRAP_CHART_MIRROR is not set and ../shared/charts is absent"
work="$(mktemp -d)"
export SIM_CLUSTER_DIR="$work/cluster"
copy="$work/repo"
mkdir -p "$copy/bootstrap"
cp -r kubernetes observability infra "$copy/"
cp -r bootstrap/environments bootstrap/catalog.yaml "$copy/bootstrap/"
jar="$(bootstrap_jar)"
cp "$jar" "$work/bootstrap.jar"
trap 'bash "$REPO_ROOT/scripts/sim-cluster.sh" down >/dev/null 2>&1; rm -rf "$work"' EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
# timed NAME CMD... : run CMD, record its wall time in seconds as NAME (fails the benchmark if it fails).
declare -A took
timed() {
  local name="$1" started rc=0
  shift
  started="$(date +%s.%N)"
  "$@" >"$work/$name.log" 2>&1 || rc=$?
  took[$name]="$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')"
  if [ "$rc" -ne 0 ]; then
    tail -n 30 "$work/$name.log" >&2
    fail "$name failed (exit $rc)"
    exit 1
  fi
  log "$name: ${took[$name]} s (load $(load))"
}

# rss_mb PROCESS... : the summed resident memory of those processes of the cluster, in MB.
rss_mb() {
  local total=0 p wrapper pid kb
  for p in "$@"; do
    wrapper="$(cat "$SIM_CLUSTER_DIR/pids/$p.pid")"
    for pid in $(pgrep -P "$wrapper") $(pgrep -P "$(pgrep -P "$wrapper" | head -n 1)" 2>/dev/null || true); do
      kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
      total=$((total + kb))
    done
  done
  echo $((total / 1024))
}

bootstrap() { KUBECONFIG="$SIM_CLUSTER_DIR/kubeconfig" TOOL_TIMEOUT=2400 run_tool java -jar "$work/bootstrap.jar" "$@" --repo "$copy"; }

log "load before: $(load)"
timed up bash scripts/sim-cluster.sh up
timed apply bootstrap apply --env sim
control_plane="$(rss_mb etcd kube-apiserver kube-controller-manager kube-scheduler kwok)"
kyverno="$(rss_mb kyverno)"
log "resident memory after apply: control plane and kwok ${control_plane} MB, Kyverno's admission controller ${kyverno} MB"
timed reapply bootstrap apply --env sim
grep -q "nothing to change" "$work/reapply.log" || fail "the second apply changed something"
timed verify bootstrap verify --env sim
timed destroy bootstrap destroy --env sim
printf '{"up_s":%s,"apply_s":%s,"reapply_s":%s,"verify_s":%s,"destroy_s":%s,"control_plane_rss_mb":%s,"kyverno_rss_mb":%s,"load_after":%s}\n' \
  "${took[up]}" "${took[apply]}" "${took[reapply]}" "${took[verify]}" "${took[destroy]}" "$control_plane" "$kyverno" "$(load)"
