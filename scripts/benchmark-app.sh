#!/usr/bin/env bash
# Benchmark of devsecops-app on loopback: time to first 200, throughput and p50/p99 latency under wrk,
# and RSS after the load, for the jar without the OpenTelemetry agent, with it, with it trimmed to the
# instrumentations the service needs, and with class-data sharing; then the image under podman when
# it was built (app/target/jib-image.tar). Prints figures; targets are in app/README.md.
#
# Usage: scripts/benchmark-app.sh            (BENCH_DURATION=60 seconds of load per mode by default)
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

duration="${BENCH_DURATION:-60}"
warmup="${BENCH_WARMUP:-10}"
connections="${BENCH_CONNECTIONS:-32}"
port=18080
mgmt=18081
jar="$(find app/target -maxdepth 1 -name 'devsecops-app-*.jar' ! -name 'original-*' | head -1)"
agent="app/target/otel-agent/otel/opentelemetry-javaagent.jar"
for tool in wrk curl openssl jq; do require_tool "$tool"; done
if [ -z "$jar" ] || [ ! -f "$agent" ]; then
  log "building the jar and copying the agent"
  TOOL_TIMEOUT=900 run_tool ./mvnw -B -q -pl app package -DskipTests -DskipImage -Djacoco.skip=true -Dspotbugs.skip=true
  jar="$(find app/target -maxdepth 1 -name 'devsecops-app-*.jar' ! -name 'original-*' | head -1)"
fi

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A throwaway issuer: RSA key, JWKS served as a file (the service reads JWKS through URLConnection),
# and an RS256 token with both scopes, valid for two hours.
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
n="$(openssl rsa -in "$work/key.pem" -noout -modulus | cut -d= -f2 | xxd -r -p | b64url)"
printf '{"keys":[{"kty":"RSA","kid":"bench","use":"sig","alg":"RS256","n":"%s","e":"AQAB"}]}' "$n" >"$work/jwks.json"
now="$(date +%s)"
header="$(printf '{"alg":"RS256","kid":"bench","typ":"JWT"}' | b64url)"
payload="$(printf '{"iss":"https://bench.invalid/","aud":"api://bench","sub":"bench","scp":"items.read items.write","iat":%d,"nbf":%d,"exp":%d}' \
  "$now" "$now" "$((now + 7200))" | b64url)"
signature="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/key.pem" -binary | b64url)"
token="$header.$payload.$signature"
export JWKS_URL="file://$work/jwks.json" JWT_ISSUER="https://bench.invalid/" JWT_AUDIENCE="api://bench"
export PORT="$port" MANAGEMENT_PORT="$mgmt" SHUTDOWN_DRAIN_DELAY=0s OTEL_TRACES_EXPORTER=none
export OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

# first_200 START_NS : waits (60 s at most) for the first 200 of an authenticated API call.
first_200() {
  local start="$1" deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ "$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/items")" = "200" ]; then
      ms_since "$start"
      return 0
    fi
    sleep 0.01
  done
  echo "never"
  return 1
}

# load LABEL RSS_PID : seeds items, warms up, runs wrk, prints one result line.
load() {
  local label="$1" rss_pid="$2" ttf="$3" out rps p50 p99 rss
  for i in $(seq 1 20); do
    curl -s -o /dev/null --max-time 5 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"name\":\"bench $i\"}" "http://127.0.0.1:$port/api/v1/items"
  done
  TOOL_TIMEOUT=$((warmup + 30)) run_tool wrk -t2 -c"$connections" -d"${warmup}s" -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/v1/items?size=10" >/dev/null
  out="$(TOOL_TIMEOUT=$((duration + 30)) run_tool wrk -t2 -c"$connections" -d"${duration}s" --latency \
    -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/items?size=10")"
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  if [ -n "$rss_pid" ]; then
    rss="$(($(ps -o rss= -p "$rss_pid") / 1024)) MB"
  else
    rss="n/a"
  fi
  printf '%-22s first200=%6s ms  throughput=%9s req/s  p50=%8s  p99=%8s  rss=%s\n' \
    "$label" "$ttf" "$rps" "$p50" "$p99" "$rss"
}

# run_jar LABEL JVM_ARGS... : starts the jar, measures, stops it.
run_jar() {
  local label="$1" start ttf
  shift
  start="$(date +%s%N)"
  java "$@" -jar "$jar" >"$work/$label.log" 2>&1 &
  pid=$!
  if ! ttf="$(first_200 "$start")"; then
    fail "$label did not answer 200 within 60 s; last log lines:"
    tail -5 "$work/$label.log" >&2
    exit 1
  fi
  load "$label" "$pid" "$ttf"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

# The agent limited to what this service uses: Netty server, executors (context propagation),
# logback MDC (trace_id in logs), URLConnection (JWKS fetch) and the opentelemetry-api bridge.
trimmed=(-Dotel.instrumentation.common.default-enabled=false
  -Dotel.instrumentation.netty.enabled=true -Dotel.instrumentation.executors.enabled=true
  -Dotel.instrumentation.logback-mdc.enabled=true -Dotel.instrumentation.http-url-connection.enabled=true
  -Dotel.instrumentation.opentelemetry-api.enabled=true -Dotel.instrumentation.opentelemetry-instrumentation-api.enabled=true)
# A container with one CPU and a 512 MiB limit gets SerialGC and about this heap from the image flags.
heap=(-Xmx256m -XX:+UseSerialGC)

log "devsecops-app benchmark: wrk -t2 -c$connections, ${warmup}s warm-up + ${duration}s load, loopback, $(nproc) CPUs"
# Bounded non-heap memory (code cache, metaspace, direct buffers, thread stacks) for a small RSS.
tuned=(-Xmx128m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=64m)

run_jar "jar" "${heap[@]}"
run_jar "jar(tuned memory)" "${tuned[@]}"
run_jar "jar+agent" "${heap[@]}" "-javaagent:$agent"
run_jar "jar+agent(trimmed)" "${heap[@]}" "-javaagent:$agent" "${trimmed[@]}"

# Class-data sharing: one training run records the loaded classes, the next runs map them.
cds="$work/app.jsa"
java "${heap[@]}" -XX:ArchiveClassesAtExit="$cds" -jar "$jar" >"$work/cds-train.log" 2>&1 &
pid=$!
first_200 "$(date +%s%N)" >/dev/null
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
run_jar "jar+CDS" "${heap[@]}" -XX:SharedArchiveFile="$cds"
# Not combined with the agent: on Java 17 a dynamic archive plus the agent's bootstrap classes fails
# at startup (LinkageError: duplicate definition of io.netty.util.concurrent.Future).

if [ -f app/target/jib-image.tar ] && command -v podman >/dev/null; then
  conf="$work/containers.conf"
  printf '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' >"$conf"
  export CONTAINERS_CONF="$conf"
  image="$(TOOL_TIMEOUT=120 run_tool podman load -q -i app/target/jib-image.tar | awk '{print $NF}')"
  start="$(date +%s%N)"
  cid="$(TOOL_TIMEOUT=60 run_tool podman run -d --read-only --tmpfs /tmp:rw,size=64m -v "$work/jwks.json:$work/jwks.json:ro" \
    -p "127.0.0.1:$port:8080" -e JWKS_URL -e JWT_ISSUER -e JWT_AUDIENCE -e OTEL_TRACES_EXPORTER "$image")"
  if ttf="$(first_200 "$start")"; then
    load "image(agent)" "" "$ttf"
  else
    warn "the image did not answer within 60 s"
  fi
  TOOL_TIMEOUT=60 run_tool podman rm -f -t 30 "$cid" >/dev/null
  TOOL_TIMEOUT=60 run_tool podman rmi -f "$image" >/dev/null || true
else
  log "image: skipped (build it with ./mvnw -pl app package, needs podman)"
fi
