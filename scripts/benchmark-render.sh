#!/usr/bin/env bash
# Times `bootstrap render` of the three environments from the chart mirror and prints the figures;
# run by hand, not a test. Target (bootstrap/README.md): all three environments rendered in at most
# 20 s warm (after one warm-up run: page cache, chart archives and the jar read once before).
#   scripts/benchmark-render.sh [RUNS]        (default 3 timed runs; needs hyperfine)
# The headline is one process rendering all three (`render --env staging,production,kind`), which
# shares the chart renders whose values the environments have in common; three separate processes
# are timed beside it. A run taken while the
# 1-minute load average exceeded the core count is flagged busy: its figures show that the script
# works, not what the tool does; the CPU time (user + system) moves less than the wall time.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

runs="${1:-3}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { fail "RUNS must be a positive number"; exit 2; }
require_tool hyperfine
mirror="${BOOTSTRAP_CHART_MIRROR:-}"
if [ -z "$mirror" ] || [ ! -d "$mirror" ]; then
  fail "BOOTSTRAP_CHART_MIRROR must name the chart mirror directory"
  exit 2
fi
jar=bootstrap/target/bootstrap.jar
if [ ! -f "$jar" ]; then
  log "building $jar"
  TOOL_TIMEOUT=900 run_tool ./mvnw -B -q -pl bootstrap package -DskipTests >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cores="$(nproc)"
load_before="$(cut -d' ' -f1 /proc/loadavg)"
log "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $cores cores"
# every process of the run is bounded: hyperfine runs each command under timeout(1)
one="timeout 300 java -jar $jar render --env staging,production,kind --out $work/all --chart-mirror $mirror"
three="for e in staging production kind; do timeout 300 java -jar $jar render --env \$e --out $work/\$e --chart-mirror $mirror >/dev/null || exit 1; done"
timeout $((runs * 900 + 900)) hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/times.json" \
  --command-name "render staging,production,kind (one process)" "$one" \
  --command-name "render staging; production; kind (three processes)" "$three"
load_after="$(cut -d' ' -f1 /proc/loadavg)"
log "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"

# shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results[0];
const cpu = r.user + r.system;
const busy = Math.max(+process.argv[2], +process.argv[3]) > +process.argv[4];
console.log(`all three environments, one process: mean ${r.mean.toFixed(2)} s wall (min ${r.min.toFixed(2)}, max ${r.max.toFixed(2)}),` +
  ` ${cpu.toFixed(2)} s cpu; target <= 20 s: ${r.mean <= 20 ? "met" : "NOT met"}${busy ? " (BUSY machine: not a figure)" : ""}`);
console.log(JSON.stringify({ benchmark: "render", mean_s: +r.mean.toFixed(3), cpu_s: +cpu.toFixed(3), busy }));
' "$work/times.json" "$load_before" "$load_after" "$cores"
