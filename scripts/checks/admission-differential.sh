#!/usr/bin/env bash
# The real Kyverno CLI (1.14.1, built by scripts/install-test-deps.sh) against the admission evaluator
# `bootstrap validate` runs, on the same rendered objects of every environment: the set of (kind,
# namespace, name, policy, rule) each refuses must be the same, else the check fails naming the
# environment, the object, the rule and the side that refused it.
#
# Per environment (bootstrap/environments/*.yaml, rendered in one call): `bootstrap admission-report`
# gives the evaluator's verdicts for every pod source; scripts/validators/admission-differential.mjs
# takes the rendered policies (without verify-image-signatures: verifyImages would call the registry),
# the PolicyExceptions the rendered admission controller honours, and every Pod and pod controller of
# the render (Kyverno's autogen rules cover the controllers) plus the pods the evaluator models for
# operators (Rollout pods, Prometheus and Alertmanager StatefulSets, ACME solver pods), and
# `kyverno apply` evaluates them; then the two lists are compared, and every object sent must have
# Kyverno results. The real render admits everything, so each environment is compared a second time
# with every pod template stripped of its security contexts and resources: then both sides refuse
# by the hundred, and must agree on every refusal and on each one an exception lifts.
#
# Every pod source is compared whatever its plan step: validate admits every pod against every
# policy (a pod created before the policies exist is admitted again at its next restart), and the
# CLI evaluates every object it is given, so both sides apply the same rule. What the CLI cannot do
# is left out of the comparison and applied on Kyverno's side by the script: the resource filters of
# Kyverno's rendered ConfigMap (the CLI has none; filtered objects are not sent) and the API server's
# decoding (a field left null in a chart's YAML is absent at admission, so nulls are dropped).
#
# Self-tests first: one environment's render with a privileged, root, undigested Deployment added
# must be refused by both sides alike, and the comparison must fail, naming the side, when either
# side's verdicts lack one refusal.
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
check_files admission-differential "environments" "bootstrap/environments/*.yaml"
require_tool java
require_tool node
require_tool kyverno
require_tool jq

compare="scripts/validators/admission-differential.mjs"
work="$REPO_ROOT/target/admission-differential"
rm -rf "$work" && mkdir -p "$work"
started=$SECONDS
jar="$(bootstrap_jar)"

# evaluate NAME=DIR... : the evaluator's verdicts on every render DIR, one JVM for all, each
# into $work/NAME.evaluator.json.
evaluate() {
  local pair dirs=()
  for pair in "$@"; do dirs+=("${pair#*=}"); done
  run_tool java -jar "$jar" admission-report "${dirs[@]}" >"$work/evaluator.json" || return 1
  for pair in "$@"; do
    # shellcheck disable=SC2016 # $dir is jq's variable
    run_tool jq --arg dir "${pair#*=}" '.[$dir]' "$work/evaluator.json" >"$work/${pair%%=*}.evaluator.json" || return 1
  done
}

# kyverno_verdicts NAME RENDER_DIR : the inputs Kyverno gets from one render into $work/NAME/ and its
# policy report into $work/NAME.kyverno.json; prints prepare's counts. Non-zero when a tool fails.
kyverno_verdicts() {
  local name="$1" render="$2" rc=0
  run_tool node "$compare" prepare "$render" "$work/$name.evaluator.json" "$work/$name" || return 1
  # exit 1 is a refusal found (the report says which); anything else is the CLI failing
  run_tool kyverno apply "$work/$name/policies.yaml" --exceptions "$work/$name/exceptions.yaml" \
    --resource "$work/$name/resources.yaml" --policy-report --output-format json --remove-color \
    >"$work/$name.kyverno.json" 2>"$work/$name.kyverno.log" || rc=$?
  if [ "$rc" -gt 1 ]; then
    fail "kyverno apply on $name exited $rc (see ${work#"$REPO_ROOT"/}/$name.kyverno.log)"
    return 1
  fi
}

# The real render of every environment.
mapfile -t envs < <(printf '%s\n' "${files[@]}" | xargs -n1 basename | sed 's/\.yaml$//')
render="$work/render"
log "rendering ${envs[*]}"
phase=$SECONDS
TOOL_TIMEOUT=600 run_tool java -jar "$jar" render --env "$(IFS=,; printf '%s' "${envs[*]}")" \
  --out "$render" ${BOOTSTRAP_CHART_MIRROR:+--chart-mirror "$BOOTSTRAP_CHART_MIRROR"} >/dev/null
render_took=$((SECONDS - phase))

# Self-test 1: a planted privileged Deployment; both sides must refuse it, for the same rules.
planted="$work/selftest-render"
cp -r "$render/${envs[0]}" "$planted"
cat >"$planted/99-selftest.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: selftest-privileged
  namespace: selftest
spec:
  selector:
    matchLabels: {app: selftest}
  template:
    metadata:
      labels: {app: selftest}
    spec:
      containers:
        - name: shell
          image: docker.io/library/busybox:1.36
          securityContext:
            privileged: true
EOF

# Each environment also stripped of every pod template's security contexts and resources (below).
renders=("selftest=$planted")
for env in "${envs[@]}"; do
  run_tool node "$compare" strip "$render/$env" "$work/$env-stripped-render" >/dev/null
  renders+=("$env=$render/$env" "$env-stripped=$work/$env-stripped-render")
done
phase=$SECONDS
evaluate "${renders[@]}" || exit 1
evaluate_took=$((SECONDS - phase))

kyverno_verdicts selftest "$planted" >/dev/null || exit 1
rc=0
out="$(run_tool node "$compare" compare selftest "$work/selftest.evaluator.json" "$work/selftest.kyverno.json" "$work/selftest/sent.json")" || rc=$?
refusals="$(run_tool jq '[.refused[] | select(.name == "selftest-privileged" and .rule == "autogen-no-privileged")] | length' "$work/selftest.evaluator.json")"
if [ "$rc" -ne 0 ] || [ "$refusals" -lt 1 ]; then
  printf '%s\n' "$out" >&2
  fail "self-test: a privileged Deployment must be refused by both sides alike (exit $rc, $refusals autogen-no-privileged refusals by the evaluator)"
  exit 1
fi

# Self-test 2: each side missing one of those refusals must be a disagreement naming the other side.
run_tool jq 'del(.refused[[.refused[] | .name] | index("selftest-privileged")])' \
  "$work/selftest.evaluator.json" >"$work/selftest-lacking.evaluator.json"
run_tool jq '.results |= map(select(.resources[0].name != "selftest-privileged" or .result != "fail")) ' \
  "$work/selftest.kyverno.json" >"$work/selftest-lacking.kyverno.json"
for side in "evaluator:kyverno only" "kyverno:the bootstrap evaluator only"; do
  lacking="${side%%:*}" want="refused by ${side#*:}"
  if [ "$lacking" = evaluator ]; then
    pair=("$work/selftest-lacking.evaluator.json" "$work/selftest.kyverno.json")
  else
    pair=("$work/selftest.evaluator.json" "$work/selftest-lacking.kyverno.json")
  fi
  rc=0
  out="$(run_tool node "$compare" compare selftest "${pair[@]}")" || rc=$?
  if [ "$rc" -ne 1 ] || ! grep -q "^selftest: Deployment selftest/selftest-privileged policy .*: $want" <<<"$out"; then
    printf '%s\n' "$out" >&2
    fail "self-test: verdicts where the $lacking lacks a refusal must disagree with \"$want\" (exit $rc)"
    exit 1
  fi
done

# The real comparison, every environment: its render as it is, and stripped of every pod template's
# security contexts and resources, so the two sides must also agree on many refusals and on which of
# them the exceptions lift.
problems=0
summary=()
for pair in "${renders[@]:1}"; do
  name="${pair%%=*}"
  counts="$(kyverno_verdicts "$name" "${pair#*=}")" || exit 1
  read -r policies skipped exceptions resources filtered modelled <<<"$counts"
  rc=0
  out="$(run_tool node "$compare" compare "$name" "$work/$name.evaluator.json" "$work/$name.kyverno.json" "$work/$name/sent.json")" || rc=$?
  if [ "$rc" -ne 0 ]; then
    printf '%s\n' "$out" | sed 's/^/FAIL: /' >&2
    problems=$((problems + 1))
  else
    summary+=("$name: $resources objects ($modelled modelled, $filtered filtered), $policies policies, $exceptions exceptions, ${out#*: }")
  fi
done
took=$((SECONDS - started))
if [ "$problems" -gt 0 ]; then
  fail "admission-differential: kyverno and the bootstrap evaluator disagree on $problems render(s) (${took} s; inputs and reports in ${work#"$REPO_ROOT"/})"
  exit 1
fi
printf '%s\n' "${summary[@]}"
log "admission-differential: kyverno $(kyverno version 2>/dev/null | sed -n 's/^Version: //p') and the bootstrap evaluator agree on ${#envs[@]} environments, as rendered and stripped (${took} s: render ${render_took} s, evaluator ${evaluate_took} s); self-tests caught a planted privileged Deployment on both sides and a refusal missing from either side; not compared: ${skipped} (verifies signatures against the registry)"
