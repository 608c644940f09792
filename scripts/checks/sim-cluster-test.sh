#!/usr/bin/env bash
# Tests scripts/sim-cluster.sh with the real binaries: a missing tool and a taken port are refused
# before anything starts (distinct exit codes, nothing left behind); `up` brings the control plane,
# kwok's three zoned nodes and Kyverno's runner up and prints the kubeconfig line; `down` stops
# exactly the processes it started and removes its directory.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=sim-cluster-test
require_tool kube-apiserver || exit 1

use_workdir
export SIM_CLUSTER_DIR="$work/cluster"
script="$REPO_ROOT/scripts/sim-cluster.sh"
# Whatever fails, the cluster this test started is stopped before its directory goes.
trap 'bash "$script" down >/dev/null 2>&1; stop_servers; rm -rf "$work"' EXIT
sim() { out="$(TOOL_TIMEOUT=240 run_tool bash "$script" "$@" 2>&1)" && rc=0 || rc=$?; }
no_state() { test ! -e "$SIM_CLUSTER_DIR"; }

# A tool missing from PATH: exit 2 naming it, nothing started.
out="$(AKS_TOOLS_HOME="$work/no-tools" PATH=/usr/bin:/bin bash "$script" up 2>&1)" && rc=0 || rc=$?
check "missing tool: exit 2" test "$rc" -eq 2
check "missing tool: named, with the installer" has_output "kube-apiserver"
check "missing tool: the installer named" has_output "scripts/install-test-deps.sh"
check "missing tool: nothing created" no_state

# The API server's port taken: exit 3 naming it, nothing started.
printf 'class Handler(Quiet):\n    pass\n' >"$work/listen.py"
serve_loopback "$work/listen.py"
SIM_APISERVER_PORT="$served_port" sim up
check "port taken: exit 3" test "$rc" -eq 3
check "port taken: named" has_output "127.0.0.1:$served_port"
check "port taken: nothing created" no_state
stop_servers

# Up, for real.
sim up
check "up: exit 0" test "$rc" -eq 0
check "up: prints the kubeconfig line" has_output "KUBECONFIG=$SIM_CLUSTER_DIR/kubeconfig"
mapfile -t pids < <(cat "$SIM_CLUSTER_DIR"/pids/*.pid 2>/dev/null)
check "up: eight processes recorded" test "${#pids[@]}" -eq 8
sim status
check "status: every process runs" test "$rc" -eq 0
out="$(kubectl --kubeconfig "$SIM_CLUSTER_DIR/kubeconfig" get nodes --no-headers \
  -L topology.kubernetes.io/zone 2>&1)"
check "three Ready nodes" test "$(grep -c ' Ready ' <<<"$out")" -eq 3
for zone in 1 2 3; do check "a node in zone $zone" has_output "westeurope-$zone"; done
out="$(kubectl --kubeconfig "$SIM_CLUSTER_DIR/kubeconfig" config current-context 2>&1)"
check "the sim environment's context" test "$out" = sim-devsecops
sim env
check "env: the kubeconfig line" has_output "KUBECONFIG=$SIM_CLUSTER_DIR/kubeconfig"

# Down: every recorded process gone, the directory removed.
sim down
check "down: exit 0" test "$rc" -eq 0
alive=""
for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=" $pid"; done
check "down: no recorded process left running" test -z "$alive"
check "down: directory removed" no_state
sim env
check "env without a cluster: exit 1" test "$rc" -eq 1

finish "refusals before start, up, status, down"
