#!/usr/bin/env bash
# Benchmark of devsecops-app on loopback. Modes, interleaved over BENCH_ROUNDS rounds (a figure is
# the median of its rounds):
#   jar              the jar with the image's JVM flags, sized as in a 512 MiB pod (-XX:MaxRAM)
#   jar-nosec        the same with security disabled: the throughput ceiling (never a shipped setting);
#                    every mode lists the same empty store, so all serve the same response
#   jar-nocache      the same with the token cache off: what the cache buys
#   jar-agent        the same plus the OpenTelemetry agent, trimmed as in the image
#   jar-appcds       the jar with an application class-data archive from one training run: what
#                    AppCDS would give the start (not shipped, app/README.md says why)
#   image            the Jib image under podman (--memory 512m), when app/target/jib-image.tar exists
# For each: time to the first authenticated 200, req/s, p50/p99 (wrk, every request with an RS256
# bearer token), RSS after the load, heap/metaspace/code cache in use. Then the ratios the targets
# are about, a soak of the image at -c256 in its 512 MiB limit (OOM or not), and one JSON line.
# A round taken while the 1-minute load average exceeded the core count is flagged "busy".
#
# Usage: scripts/benchmark-app.sh
#   BENCH_DURATION (20) seconds of load, BENCH_WARMUP (10), BENCH_CONNECTIONS (64), BENCH_ROUNDS (2),
#   BENCH_MODES ("jar jar-nosec jar-nocache jar-agent jar-appcds image"), BENCH_SOAK (60; 0 skips it).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

duration="${BENCH_DURATION:-20}"
warmup="${BENCH_WARMUP:-10}"
connections="${BENCH_CONNECTIONS:-64}"
rounds="${BENCH_ROUNDS:-2}"
modes="${BENCH_MODES:-jar jar-nosec jar-nocache jar-agent jar-appcds image}"
soak="${BENCH_SOAK:-60}"
port=18080
mgmt=18081
cores="$(nproc)"
for tool in wrk curl openssl jq xxd; do require_tool "$tool"; done
if [ "$rounds" -lt 2 ]; then
  fail "BENCH_ROUNDS must be at least 2: a figure is a median of rounds"
  exit 2
fi

jar="app/target/devsecops-app-0.1.0.jar"
agent="app/target/otel-agent/otel/opentelemetry-javaagent.jar"
if [ ! -f "$jar" ] || [ ! -f "$agent" ]; then
  log "building the jar and copying the agent"
  TOOL_TIMEOUT=900 run_tool ./mvnw -B -q -pl app package -DskipTests -DskipImage -Djacoco.skip=true -Dspotbugs.skip=true
fi

work="$(mktemp -d)"
# podman with a storage of its own: other builds on the machine load and remove an image of the
# same name (ContainerImageIT), which must not pull this one from under the benchmark.
pm=(podman --root "$work/storage" --runroot "$work/run")
pid=""
cid=""
image=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$cid" ]; then timeout 60 "${pm[@]}" rm -f -t 5 "$cid" >/dev/null 2>&1 || true; fi
  if [ -n "$image" ]; then timeout 60 "${pm[@]}" rmi -f "$image" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A throwaway issuer: RSA key, JWKS as a file (read through file://, also inside the container),
# and an RS256 token with both scopes, valid for two hours.
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
n="$(openssl rsa -in "$work/key.pem" -noout -modulus | cut -d= -f2 | xxd -r -p | b64url)"
mkdir -p "$work/jwks"
printf '{"keys":[{"kty":"RSA","kid":"bench","use":"sig","n":"%s","e":"AQAB"}]}' "$n" >"$work/jwks/keys.json"
chmod 755 "$work" "$work/jwks"
chmod 644 "$work/jwks/keys.json"
now="$(date +%s)"
header="$(printf '{"alg":"RS256","kid":"bench","typ":"JWT"}' | b64url)"
payload="$(printf '{"iss":"https://bench.invalid/","aud":"api://bench","sub":"bench","oid":"bench","scp":"items.read items.write","iat":%d,"nbf":%d,"exp":%d}' \
  "$now" "$now" "$((now + 7200))" | b64url)"
signature="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/key.pem" -binary | b64url)"
token="$header.$payload.$signature"
export JWKS_URL="file://$work/jwks/keys.json" JWT_ISSUER="https://bench.invalid/" JWT_AUDIENCE="api://bench"
export PORT="$port" MANAGEMENT_PORT="$mgmt" SHUTDOWN_DRAIN_DELAY=0s OTEL_TRACES_EXPORTER=none
export OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none

# The image's JVM flags and agent settings, read from app/pom.xml so that the jar runs as the image.
mapfile -t image_flags < <(sed -n 's:.*<jvmFlag>\(.*\)</jvmFlag>.*:\1:p' app/pom.xml | grep -v -- '-javaagent')
mapfile -t trimmed < <(sed -n 's:.*<\(OTEL_INSTRUMENTATION_[A-Z_]*\)>\(.*\)</OTEL_INSTRUMENTATION_[A-Z_]*>.*:\1=\2:p' app/pom.xml)
jvm=("${image_flags[@]}" -XX:MaxRAM=512m)

busy() { awk -v c="$cores" '{ print ($1 > c) ? "busy" : "idle" }' /proc/loadavg; }
load1() { cut -d' ' -f1 /proc/loadavg; }
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
to_ms() { # wrk latency (e.g. 812.00us, 2.31ms, 1.02s) to milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

first_200() { # START_NS: milliseconds until the first authenticated 200 (90 s at most)
  local start="$1" deadline=$((SECONDS + 90))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ "$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/items")" = "200" ]; then
      ms_since "$start"
      return 0
    fi
    sleep 0.01
  done
  return 1
}

memory_in_use() { # heap, metaspace and code cache in use (MB) from the service's own metrics
  curl -s --max-time 5 "http://127.0.0.1:$mgmt/prometheus" | awk '
    /^jvm_memory_used_bytes\{/ {
      if ($0 ~ /area="heap"/) heap += $NF
      else if ($0 ~ /id="Metaspace"/) meta += $NF
      else if ($0 ~ /id="Code ?(Heap|Cache)/) code += $NF
    }
    END { printf "%d %d %d", heap / 1048576, meta / 1048576, code / 1048576 }'
}

# measure MODE ROUND RSS_PID START_NS : warm-up, load, one result line into $work/results
measure() {
  local mode="$1" round="$2" rss_pid="$3" start="$4" ttf out rps p50 p99 rss state mem
  if ! ttf="$(first_200 "$start")"; then
    fail "$mode did not answer 200 within 90 s"
    return 1
  fi
  # No items are created first: with security disabled a write has no caller to audit and is
  # refused (400), so only the empty store gives every mode the same response to serve (the same
  # 61-byte page). Seeding only the secured modes made jar-nosec serve less and flattered it.
  state="$(busy)"
  TOOL_TIMEOUT=$((warmup + 30)) run_tool wrk -t2 -c"$connections" -d"${warmup}s" \
    -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/items?size=10" >/dev/null
  out="$(TOOL_TIMEOUT=$((duration + 30)) run_tool wrk -t2 -c"$connections" -d"${duration}s" --latency \
    -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/items?size=10")"
  [ "$(busy)" = "busy" ] && state="busy"
  rps="$(awk '/^Requests\/sec/ {printf "%d", $2}' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  rss="$(awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$rss_pid/status")"
  mem="$(memory_in_use)"
  printf '%s %s %s %s %s %s %s %s %s\n' "$mode" "$round" "$ttf" "$rps" "$p50" "$p99" "$rss" "$mem" "$state" \
    >>"$work/results"
  log "  round $round $mode: first200=${ttf}ms ${rps} req/s p50=${p50}ms p99=${p99}ms rss=${rss}MB heap/meta/code=${mem// //}MB load=$(load1) $state"
}

run_env=() # extra environment for the next run_jar
run_jar() { # MODE ROUND JVM_ARGS...
  local mode="$1" round="$2" start
  shift 2
  start="$(date +%s%N)"
  env "${run_env[@]}" java "$@" -jar "$jar" >"$work/$mode.log" 2>&1 &
  pid=$!
  measure "$mode" "$round" "$pid" "$start" || tail -5 "$work/$mode.log" >&2
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

podman_env() {
  conf="$work/containers.conf"
  printf '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' >"$conf"
  export CONTAINERS_CONF="$conf"
}

run_container() { # NAME : starts the image in a 512 MiB, one-CPU container; sets cid
  cid="$(TOOL_TIMEOUT=60 run_tool "${pm[@]}" run -d --read-only --tmpfs /tmp:rw,size=64m --memory 512m --cpus 1 \
    --cap-drop ALL -v "$work/jwks:/jwks:ro" -p "127.0.0.1:$port:8080" -p "127.0.0.1:$mgmt:8081" \
    -e JWKS_URL=file:///jwks/keys.json -e JWT_ISSUER -e JWT_AUDIENCE -e OTEL_TRACES_EXPORTER "$image")"
}

run_image() { # ROUND
  local start container_pid
  start="$(date +%s%N)"
  run_container
  container_pid="$("${pm[@]}" inspect -f '{{.State.Pid}}' "$cid")"
  measure image "$1" "$container_pid" "$start" || timeout 30 "${pm[@]}" logs "$cid" | tail -5 >&2
  timeout 60 "${pm[@]}" rm -f -t 30 "$cid" >/dev/null
  cid=""
}

have_image=no
if [[ " $modes " == *" image "* ]]; then
  if [ -f app/target/jib-image.tar ] && command -v podman >/dev/null; then
    podman_env
    image="$(TOOL_TIMEOUT=120 run_tool "${pm[@]}" load -q -i app/target/jib-image.tar | awk '{print $NF}')"
    have_image=yes
  else
    warn "image: skipped (build it with ./mvnw -pl app package; needs podman)"
  fi
fi

# jar-appcds: one training run to the first authenticated 200 dumps the classes it loaded at exit.
if [[ " $modes " == *" jar-appcds "* ]]; then
  java "${jvm[@]}" -XX:ArchiveClassesAtExit="$work/app.jsa" -jar "$jar" >"$work/appcds-training.log" 2>&1 &
  pid=$!
  first_200 "$(date +%s%N)" >/dev/null || { fail "jar-appcds: the training run did not answer 200"; exit 1; }
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  [ -s "$work/app.jsa" ] || { fail "jar-appcds: no archive written"; tail -5 "$work/appcds-training.log" >&2; exit 1; }
fi

log "devsecops-app benchmark $(date -u +%Y-%m-%dT%H:%MZ): wrk -t2 -c$connections, ${warmup}s warm-up + ${duration}s," \
  "$rounds interleaved rounds, $cores CPUs, load average $(load1) at the start"
log "JVM flags (the image's, sized for a 512 MiB pod): ${jvm[*]}"
: >"$work/results"
for round in $(seq 1 "$rounds"); do
  for mode in $modes; do
    case "$mode" in
      jar) run_jar jar "$round" "${jvm[@]}" ;;
      jar-nosec) run_jar jar-nosec "$round" "${jvm[@]}" -Dmicronaut.security.enabled=false ;;
      jar-nocache) run_jar jar-nocache "$round" "${jvm[@]}" -Dapp.token.cache-max-size=0 ;;
      jar-agent)
        run_env=("${trimmed[@]}")
        run_jar jar-agent "$round" "${jvm[@]}" "-javaagent:$agent"
        run_env=()
        ;;
      jar-appcds) run_jar jar-appcds "$round" "${jvm[@]}" -XX:SharedArchiveFile="$work/app.jsa" ;;
      image) if [ "$have_image" = yes ]; then run_image "$round"; fi ;;
      *) fail "unknown mode $mode"; exit 2 ;;
    esac
  done
done

median() { # MODE COLUMN
  awk -v m="$1" -v c="$2" '$1 == m {print $c}' "$work/results" | sort -n |
    awk '{a[NR] = $1} END { if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
busy_rounds() { awk -v m="$1" '$1 == m && $11 == "busy" {n++} END {print n + 0}' "$work/results"; }

printf '\n%-12s %10s %9s %8s %8s %7s %6s %6s %6s  %s\n' mode first200ms req/s p50ms p99ms rssMB heap meta code "busy rounds"
json="{\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\",\"cpus\":$cores,\"connections\":$connections,\"duration_s\":$duration,\"rounds\":$rounds,\"modes\":{"
sep=""
for mode in $modes; do
  [ "$(awk -v m="$mode" '$1 == m' "$work/results" | wc -l)" -gt 0 ] || continue
  printf '%-12s %10s %9s %8s %8s %7s %6s %6s %6s  %s/%s\n' "$mode" "$(median "$mode" 3)" "$(median "$mode" 4)" \
    "$(median "$mode" 5)" "$(median "$mode" 6)" "$(median "$mode" 7)" "$(median "$mode" 8)" "$(median "$mode" 9)" \
    "$(median "$mode" 10)" "$(busy_rounds "$mode")" "$rounds"
  json+="$sep\"$mode\":{\"first_200_ms\":$(median "$mode" 3),\"rps\":$(median "$mode" 4),\"p50_ms\":$(median "$mode" 5),\"p99_ms\":$(median "$mode" 6),\"rss_mb\":$(median "$mode" 7),\"busy_rounds\":$(busy_rounds "$mode")}"
  sep=","
done
json+="}"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "null"; else printf "%.3f", a / b }'; }
auth_ratio="$(ratio "$(median jar 4)" "$(median jar-nosec 4)")"
cache_gain="$(ratio "$(median jar 4)" "$(median jar-nocache 4)")"
agent_ratio="$(ratio "$(median jar-agent 4)" "$(median jar 4)")"
appcds_ratio="$(ratio "$(median jar-appcds 3)" "$(median jar 3)")"
log ""
log "authenticated / security disabled throughput: $auth_ratio (target >= 0.7)"
log "token cache on / off throughput:              $cache_gain"
log "first 200 with / without an AppCDS archive:   $appcds_ratio"
log "agent / no agent throughput:                  $agent_ratio (target >= 0.9, i.e. overhead <= 10%)"
log "p99 at c=$connections, jar: $(median jar 6) ms (target <= 10); first 200: jar $(median jar 3) ms (target <= 1000)," \
  "jar-agent $(median jar-agent 3) ms, image $(median image 3) ms (target <= 2500); RSS: jar $(median jar 7) MB" \
  "(target <= 200), jar-agent $(median jar-agent 7) MB, image $(median image 7) MB (target <= 260)"
json+=",\"ratios\":{\"auth_vs_nosec\":$auth_ratio,\"cache_on_vs_off\":$cache_gain,\"agent_vs_none\":$agent_ratio,\"appcds_first_200\":$appcds_ratio}"

# Soak: the image at -c256 for BENCH_SOAK seconds inside its 512 MiB limit; OOM-killed or not.
soak_result="null"
if [ "$have_image" = yes ] && [ "$soak" -gt 0 ]; then
  run_container
  if first_200 "$(date +%s%N)" >/dev/null; then
    TOOL_TIMEOUT=$((soak + 30)) run_tool wrk -t2 -c256 -d"${soak}s" -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/items?size=10" >"$work/soak.txt" || true
    running="$("${pm[@]}" inspect -f '{{.State.Running}}' "$cid")"
    oom="$("${pm[@]}" inspect -f '{{.State.OOMKilled}}' "$cid")"
    rss="$(awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$("${pm[@]}" inspect -f '{{.State.Pid}}' "$cid")/status" 2>/dev/null || echo 0)"
    log "soak: -c256 ${soak}s in 512 MiB: $(awk '/^Requests\/sec/ {printf "%d req/s", $2}' "$work/soak.txt"), running=$running oom_killed=$oom rss=${rss}MB"
    soak_result="{\"seconds\":$soak,\"running\":$running,\"oom_killed\":$oom,\"rss_mb\":$rss}"
  else
    fail "soak: the image did not start"
  fi
  timeout 60 "${pm[@]}" rm -f -t 30 "$cid" >/dev/null
  cid=""
fi
json+=",\"soak_c256_512m\":$soak_result,\"load_average_end\":$(load1)}"
printf '%s\n' "$json" | jq -c .
