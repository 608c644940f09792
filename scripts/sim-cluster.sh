#!/usr/bin/env bash
# A real Kubernetes control plane on this machine's loopback, for the `sim` environment: etcd,
# kube-apiserver (RBAC, Pod Security Admission, the admission plugins AKS enables, service-account
# tokens), kube-controller-manager, kube-scheduler and kwok, which fakes the kubelets of three nodes
# (one per zone) so that scheduled pods become Ready without running anything. Built from their Go
# modules at the versions scripts/security-tools.lock pins (scripts/install-test-deps.sh).
#
# Usage: scripts/sim-cluster.sh up|down|env|status
#   up      start everything (certificates generated into the state directory), create the nodes,
#           the storage class and volumes of scripts/sim-cluster/cluster.yaml, wait until the nodes
#           are Ready and the controllers work; print the KUBECONFIG= line. Already up: print it.
#   down    stop exactly the processes `up` started (by pid) and remove the state directory
#   env     print the KUBECONFIG= line of a running cluster (exit 1 when none runs)
#   status  print each process with its pid and whether it runs (exit 1 when one is missing)
# Environment: SIM_CLUSTER_DIR (state directory, default /tmp/aks-devsecops-sim-$UID),
#   SIM_APISERVER_PORT (default: a free loopback port), SIM_CONTEXT (kube context, default
#   sim-devsecops: bootstrap/environments/sim.yaml's kubeContext), SIM_LIFETIME (seconds after
#   which every process stops by itself, default 14400, so a forgotten cluster does not live on).
# Exit codes: 0 ok, 1 the cluster did not come up (nothing is left running), 2 invalid usage or a
#   missing tool, 3 a requested port is taken.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

readonly EXIT_FAILED=1 EXIT_USAGE=2 EXIT_PORT=3
DIR="${SIM_CLUSTER_DIR:-/tmp/aks-devsecops-sim-$(id -u)}"
CONTEXT="${SIM_CONTEXT:-sim-devsecops}"
LIFETIME="${SIM_LIFETIME:-14400}"
CLUSTER_YAML="$REPO_ROOT/scripts/sim-cluster/cluster.yaml"
# Service and pod addresses from 198.18.0.0/15 (RFC 2544, never routed on a real network): nothing
# answers there, so a webhook Service without a real process behind it fails at once.
SERVICE_CIDR=198.18.0.0/16
POD_CIDR=198.19.0.1/16
PROCS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok admission-stand-in kyverno finalizer-stand-in)

kubeconfig_line() { printf 'KUBECONFIG=%s\n' "$DIR/kubeconfig"; }

pid_of() { cat "$DIR/pids/$1.pid" 2>/dev/null; }

# running NAME : the process recorded for NAME is alive and is ours (its command line names DIR).
running() {
  local pid
  pid="$(pid_of "$1")" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$DIR"
}

all_running() {
  local p
  for p in "${PROCS[@]}"; do running "$p" || return 1; done
}

stop_all() {
  local p pid waited
  [ -d "$DIR/pids" ] || return 0
  for p in finalizer-stand-in kyverno admission-stand-in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    running "$p" || continue
    pid="$(pid_of "$p")"
    kill -TERM "$pid" 2>/dev/null || true
    waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

down() {
  stop_all
  if [ -d "$DIR" ]; then
    rm -rf "$DIR"
  fi
}

# free_port : a free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_taken() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null && return 1 || return 0; }

# start NAME ARGS... : run a daemon in its own session, bounded by SIM_LIFETIME, logging to DIR/logs.
start() {
  local name="$1"
  shift
  setsid timeout --kill-after=10 "$LIFETIME" "$@" >"$DIR/logs/$name.log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$DIR/pids/$name.pid"
}

# wait_for WHAT SECONDS CMD... : poll CMD every 0.2 s until it succeeds.
wait_for() {
  local what="$1" limit="$2" deadline
  shift 2
  deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "$what did not come up within ${limit}s"
      return 1
    fi
    sleep 0.2
  done
}

# cert NAME CN [O] [SAN] : an RSA key pair signed by the cluster CA (RSA, as kubeadm makes them: the
# fabric8 client reads no PKCS#8 EC keys).
cert() {
  local name="$1" cn="$2" org="${3:-}" san="${4:-}" subj="/CN=$2"
  [ -z "$org" ] || subj="/O=$org/CN=$cn"
  openssl req -new -newkey rsa:2048 -nodes -subj "$subj" \
    -keyout "$DIR/pki/$name.key" -out "$DIR/pki/$name.csr" 2>/dev/null
  {
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
    if [ -n "$san" ]; then printf 'extendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$san"; else printf 'extendedKeyUsage=clientAuth\n'; fi
  } >"$DIR/pki/$name.ext"
  openssl x509 -req -in "$DIR/pki/$name.csr" -CA "$DIR/pki/ca.crt" -CAkey "$DIR/pki/ca.key" \
    -CAcreateserial -days 2 -sha256 -extfile "$DIR/pki/$name.ext" -out "$DIR/pki/$name.crt" 2>/dev/null
  rm -f "$DIR/pki/$name.csr" "$DIR/pki/$name.ext"
}

# kubeconfig FILE USER CONTEXT : a kubeconfig for USER's client certificate.
kubeconfig() {
  local file="$1" user="$2" context="$3"
  cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: sim
    cluster:
      server: https://127.0.0.1:$APISERVER_PORT
      certificate-authority: $DIR/pki/ca.crt
users:
  - name: $user
    user:
      client-certificate: $DIR/pki/$user.crt
      client-key: $DIR/pki/$user.key
contexts:
  - name: $context
    context: {cluster: sim, user: $user}
current-context: $context
EOF
  chmod 600 "$file"
}

pki() {
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=sim-cluster-ca -keyout "$DIR/pki/ca.key" -out "$DIR/pki/ca.crt" 2>/dev/null
  cert apiserver kube-apiserver "" \
    "IP:127.0.0.1,IP:198.18.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  cert admin sim-admin system:masters
  cert controller-manager system:kube-controller-manager
  cert scheduler system:kube-scheduler
  cert kwok kwok-controller system:masters
  cert webhook sim-admission-stand-in "" "IP:127.0.0.1"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$DIR/pki/sa.key" 2>/dev/null
  openssl pkey -in "$DIR/pki/sa.key" -pubout -out "$DIR/pki/sa.pub" 2>/dev/null
  chmod 600 "$DIR"/pki/*.key
}

# Each process, started from the ports and certificates of the state directory.
start_etcd() {
  start etcd etcd --name sim --data-dir "$DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "sim=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls "" \
    --unsafe-no-fsync --log-level warn
  wait_for etcd 20 curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
}

# Admission: the API server's default plugins (NamespaceLifecycle, LimitRanger, ServiceAccount,
# PodSecurity, DefaultStorageClass, ResourceQuota, the admission webhooks, ...) plus those AKS turns
# on as well. Its system roots are the cluster CA, so a webhook registered by URL without a CA
# bundle (cert-manager's, served by the stand-in) is trusted as a cluster-signed server.
start_kube_apiserver() {
  SSL_CERT_FILE="$DIR/pki/ca.crt" start kube-apiserver kube-apiserver \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --tls-cert-file="$DIR/pki/apiserver.crt" --tls-private-key-file="$DIR/pki/apiserver.key" \
    --client-ca-file="$DIR/pki/ca.crt" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$DIR/pki/sa.pub" --service-account-signing-key-file="$DIR/pki/sa.key" \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --authorization-mode=Node,RBAC \
    --enable-admission-plugins=NodeRestriction,DenyServiceExternalIPs \
    --allow-privileged=true --profiling=false --anonymous-auth=false \
    --enable-priority-and-fairness=false --watch-cache=true \
    --endpoint-reconciler-type=none
  wait_for kube-apiserver 60 kubectl --kubeconfig "$DIR/kubeconfig" get --raw /readyz
}

start_kube_controller_manager() {
  start kube-controller-manager kube-controller-manager \
    --kubeconfig="$DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig="$DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig="$DIR/controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false \
    --use-service-account-credentials=true \
    --service-account-private-key-file="$DIR/pki/sa.key" --root-ca-file="$DIR/pki/ca.crt" \
    --cluster-signing-cert-file="$DIR/pki/ca.crt" --cluster-signing-key-file="$DIR/pki/ca.key" \
    --controllers='*,-nodeipam,-cloud-node-lifecycle,-service,-route' \
    --node-monitor-grace-period=120s --profiling=false
}

start_kube_scheduler() {
  start kube-scheduler kube-scheduler \
    --kubeconfig="$DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig="$DIR/scheduler.kubeconfig" \
    --authorization-kubeconfig="$DIR/scheduler.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false --profiling=false
}

start_kwok() {
  start kwok kwok --config="$DIR/kwok.yaml" --kubeconfig="$DIR/kwok.kubeconfig" \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake --cidr="$POD_CIDR" \
    --node-ip=198.19.255.254 --node-lease-duration-seconds=40
}

start_admission_stand_in() {
  start admission-stand-in python3 "$REPO_ROOT/scripts/sim-cluster/admission-stand-in.py" \
    "$WEBHOOK_PORT" "$DIR/pki/webhook.crt" "$DIR/pki/webhook.key" "$DIR/logs/admission-stand-in.count"
}

start_kyverno() {
  start kyverno bash "$REPO_ROOT/scripts/sim-cluster/run-kyverno.sh" "$DIR" "$KYVERNO_PORT" "$KYVERNO_METRICS_PORT"
}

start_finalizer_stand_in() {
  start finalizer-stand-in bash "$REPO_ROOT/scripts/sim-cluster/finalizer-stand-in.sh" "$DIR"
}

# restart : start what stopped of a cluster whose state directory is intact (after a crash or a
# kill), keeping its data, ports and certificates.
restart() {
  local p
  # shellcheck source=/dev/null
  source "$DIR/ports"
  for p in "${PROCS[@]}"; do
    running "$p" && continue
    log "restarting $p" >&2
    "start_${p//-/_}" || return 1
  done
}

up() {
  if all_running; then
    kubeconfig_line
    return 0
  fi
  local tool missing=()
  for tool in etcd kube-apiserver kube-controller-manager kube-scheduler kwok kyverno-controller kubectl openssl python3; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    fail "not installed: ${missing[*]} (run scripts/install-test-deps.sh)"
    exit "$EXIT_USAGE"
  fi
  if [ -f "$DIR/ports" ] && [ -d "$DIR/etcd/member" ]; then
    if restart; then
      log "sim cluster restarted (its data kept)" >&2
      kubeconfig_line
      return 0
    fi
    fail "could not restart the sim cluster in $DIR; starting a new one"
  fi
  down
  [ -f "$CLUSTER_YAML" ] || usage_exit 8,22 "missing $CLUSTER_YAML"

  APISERVER_PORT="${SIM_APISERVER_PORT:-$(free_port)}"
  if [ -n "${SIM_APISERVER_PORT:-}" ] && port_taken "$APISERVER_PORT"; then
    fail "port 127.0.0.1:$APISERVER_PORT (SIM_APISERVER_PORT) is taken: choose another or stop what listens there"
    exit "$EXIT_PORT"
  fi
  WEBHOOK_PORT="${SIM_WEBHOOK_PORT:-18443}"
  if port_taken "$WEBHOOK_PORT"; then
    fail "port 127.0.0.1:$WEBHOOK_PORT (SIM_WEBHOOK_PORT, named by kubernetes/cert-manager/cert-manager-sim-values.yaml) is taken"
    exit "$EXIT_PORT"
  fi
  local started=$SECONDS
  ETCD_PORT="$(free_port)"
  ETCD_PEER_PORT="$(free_port)"
  KYVERNO_PORT="$(free_port)"
  KYVERNO_METRICS_PORT="$(free_port)"

  mkdir -p "$DIR"
  chmod 700 "$DIR"
  mkdir -p "$DIR/pki" "$DIR/pids" "$DIR/logs" "$DIR/etcd"
  # From here on a failure stops whatever started and removes the directory.
  trap 'rc=$?; if [ "$rc" -ne 0 ]; then fail "sim cluster did not come up; logs were in $DIR/logs:"; tail -n 5 "$DIR"/logs/*.log >&2 2>/dev/null || true; down; fi' EXIT
  printf 'APISERVER_PORT=%s\nETCD_PORT=%s\nETCD_PEER_PORT=%s\nWEBHOOK_PORT=%s\nKYVERNO_PORT=%s\nKYVERNO_METRICS_PORT=%s\n' \
    "$APISERVER_PORT" "$ETCD_PORT" "$ETCD_PEER_PORT" "$WEBHOOK_PORT" "$KYVERNO_PORT" "$KYVERNO_METRICS_PORT" >"$DIR/ports"
  pki
  kubeconfig "$DIR/kubeconfig" admin "$CONTEXT"
  kubeconfig "$DIR/controller-manager.kubeconfig" controller-manager default
  kubeconfig "$DIR/scheduler.kubeconfig" scheduler default
  kubeconfig "$DIR/kwok.kubeconfig" kwok default
  printf 'kind: KwokConfiguration\napiVersion: config.kwok.x-k8s.io/v1alpha1\noptions: {}\n' >"$DIR/kwok.yaml"

  start_etcd
  start_kube_apiserver
  start_kube_controller_manager
  start_kube_scheduler
  start_kwok
  start_admission_stand_in
  start_kyverno
  start_finalizer_stand_in

  local k=(kubectl --kubeconfig "$DIR/kubeconfig" --request-timeout=20s)
  wait_for "the controllers (default ServiceAccount)" 60 "${k[@]}" get serviceaccount default -n default
  TOOL_TIMEOUT=60 run_tool kubectl --kubeconfig "$DIR/kubeconfig" --request-timeout=20s apply --server-side --field-manager=sim-cluster -f "$CLUSTER_YAML" >/dev/null
  TOOL_TIMEOUT=60 run_tool kubectl --kubeconfig "$DIR/kubeconfig" --request-timeout=20s wait --for=condition=Ready node --all --timeout=45s >/dev/null
  for p in "${PROCS[@]}"; do
    running "$p" || {
      fail "$p stopped"
      exit "$EXIT_FAILED"
    }
  done
  trap - EXIT
  log "sim cluster up in $((SECONDS - started)) s (context $CONTEXT, API server https://127.0.0.1:$APISERVER_PORT)" >&2
  kubeconfig_line
}

status() {
  local p rc=0
  for p in "${PROCS[@]}"; do
    if running "$p"; then printf '%-24s %s running\n' "$p" "$(pid_of "$p")"; else
      printf '%-24s not running\n' "$p"
      rc=1
    fi
  done
  return "$rc"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env)
    all_running || {
      fail "no sim cluster runs in $DIR (scripts/sim-cluster.sh up)"
      exit "$EXIT_FAILED"
    }
    kubeconfig_line
    ;;
  status) status ;;
  -h | --help) sed -n '8,22s/^# \{0,1\}//p' "$0" ;;
  *) usage_exit 8,22 "unknown or missing command: ${1:-}" ;;
esac
