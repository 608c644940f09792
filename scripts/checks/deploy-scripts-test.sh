#!/usr/bin/env bash
# Tests the pipeline's deployment scripts without a cluster:
#   promote-image.sh  against a real git clone and bare "origin" (the commit must reach origin);
#   argocd-deploy.sh  against a fake argocd CLI that records its arguments and reports app states;
#   smoke-test.sh     against a real HTTP server on 127.0.0.1 answering as told per path.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=deploy-scripts-test
require_tool git || exit 1
require_tool python3 || exit 1
require_tool jq || exit 1

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
digest="sha256:$(printf 'b%.0s' {1..64})"

# ---------------------------------------------------------------- promote-image.sh
git init -q --bare "$work/origin.git"
clone="$work/clone"
git clone -q "$work/origin.git" "$clone" 2>/dev/null
mkdir -p "$clone/scripts/lib" "$clone/kubernetes/apps/devsecops-app/overlays/staging"
cp "$REPO_ROOT/scripts/promote-image.sh" "$clone/scripts/"
cp "$REPO_ROOT/scripts/lib/common.sh" "$REPO_ROOT/scripts/lib/set-image.mjs" "$clone/scripts/lib/"
ln -s "$REPO_ROOT/scripts/node_modules" "$clone/scripts/node_modules"
overlay="$clone/kubernetes/apps/devsecops-app/overlays/staging/kustomization.yaml"
cat >"$overlay" <<'YAML'
# Staging overlay.
resources:
  - ../../base
images:
  - name: devsecops-app
    newName: placeholder.azurecr.io/devsecops-app
    newTag: latest # replaced by the pipeline
YAML
printf 'node_modules\n' >"$clone/.gitignore"
git -C "$clone" add -A
git -C "$clone" -c user.name=t -c user.email=t@example.com commit -q -m init
git -C "$clone" push -q origin HEAD:main 2>/dev/null
git -C "$clone" checkout -q -B main origin/main 2>/dev/null

promote() {
  rc=0
  : >"$work/github-output"
  out="$(cd "$clone" && GITHUB_OUTPUT="$work/github-output" TOOL_TIMEOUT=120 bash scripts/promote-image.sh "$@" 2>&1)" || rc=$?
}
promote staging fakeacr.azurecr.io/devsecops-app "$digest"
check "promote: exit 0" test "$rc" -eq 0
check "promote: digest pinned in the overlay" grep -q "digest: $digest" "$overlay"
check "promote: registry set" grep -q "newName: fakeacr.azurecr.io/devsecops-app" "$overlay"
check "promote: tag removed" test "$(grep -c newTag "$overlay")" -eq 0
check "promote: comments kept" grep -q "^# Staging overlay." "$overlay"
check "promote: commit reached origin/main" \
  grep -q "deploy(staging): devsecops-app@$digest" <(git --git-dir="$work/origin.git" log -1 --format=%s main)
check "promote: commit published as the step output" \
  grep -qx "revision=$(git --git-dir="$work/origin.git" rev-parse main)" "$work/github-output"
promote staging fakeacr.azurecr.io/devsecops-app "$digest"
check "promote again: exit 0 and no new commit" test "$rc" -eq 0
check "promote again: says already pinned" has_output "already pins"
check "promote again: origin has exactly two commits" test "$(git --git-dir="$work/origin.git" rev-list --count main)" -eq 2
promote production fakeacr.azurecr.io/devsecops-app "$digest"
check "promote to a missing overlay: exit 2" test "$rc" -eq 2
check "promote to a missing overlay: names the file" has_output "overlays/production/kustomization.yaml does not exist"
promote staging fakeacr.azurecr.io/devsecops-app:1.0 "$digest"
check "promote with a tagged image: exit 2" test "$rc" -eq 2
promote staging fakeacr.azurecr.io/devsecops-app sha256:short
check "promote with a bad digest: exit 2" test "$rc" -eq 2
sed -i 's/name: devsecops-app/name: other-app/; s|newName: fakeacr.azurecr.io/devsecops-app|newName: x.azurecr.io/other-app|' "$overlay"
promote staging fakeacr.azurecr.io/devsecops-app "sha256:$(printf 'c%.0s' {1..64})"
check "promote without an images entry: exit 1" test "$rc" -eq 1
check "promote without an images entry: explains" has_output "no images: entry for devsecops-app"

# ---------------------------------------------------------------- argocd-deploy.sh
fake="$work/argocd"
calls="$work/argocd-calls.log"
states="$work/argocd-states"
cat >"$fake" <<'FAKE'
#!/usr/bin/env bash
# Records the call; "app get" prints the next state from $FAKE_STATES ("<sync> <health> <revision>"
# lines; a --refresh call peeks without consuming).
printf '%s\n' "$*" >>"$FAKE_CALLS"
if [ "$1 $2" = "app get" ]; then
  read -r sync health revision < <(head -n 1 "$FAKE_STATES")
  if [[ "$*" != *--refresh* ]] && [ "$(wc -l <"$FAKE_STATES")" -gt 1 ]; then sed -i '1d' "$FAKE_STATES"; fi
  printf '{"status":{"sync":{"status":"%s","revision":"%s"},"health":{"status":"%s"}}}\n' "$sync" "${revision:-}" "$health"
fi
exit "${FAKE_ARGOCD_EXIT:-0}"
FAKE
chmod +x "$fake"
assert_context() { printf 'argocd calls:\n%s\n' "$(cat "$calls" 2>/dev/null)"; }
deploy() { # deploy STATES ARGS...
  printf '%s\n' "$1" | tr ';' '\n' >"$states"
  shift
  : >"$calls"
  rc=0
  out="$(FAKE_CALLS="$calls" FAKE_STATES="$states" ARGOCD_CLI="$fake" ARGOCD_SERVER=argocd.example.com \
    ARGOCD_AUTH_TOKEN=not-a-real-token ARGOCD_WAIT_SECONDS=5 ARGOCD_POLL_SECONDS=1 \
    bash "$REPO_ROOT/scripts/argocd-deploy.sh" "$@" 2>&1)" || rc=$?
}
deploy "OutOfSync Progressing;Synced Progressing;Synced Healthy" sync devsecops-app-staging
check "sync: exit 0 once Synced and Healthy" test "$rc" -eq 0
check "sync: sync requested over gRPC-web" grep -qx "app sync devsecops-app-staging --timeout 5 --grpc-web" "$calls"
check "sync: refreshed first" test "$(head -n 1 "$calls")" = "app get devsecops-app-staging --refresh -o json --grpc-web"
check "sync: polled until healthy" test "$(grep -c '^app get devsecops-app-staging -o json' "$calls")" -eq 3
check "sync: token never printed" test "$(grep -c not-a-real-token <<<"$out")" -eq 0
deploy "Synced Suspended" sync devsecops-app-production
check "sync: a paused blue/green Rollout (Suspended) counts as deployed" test "$rc" -eq 0
deploy "Synced Degraded" sync devsecops-app-staging
check "sync: Degraded fails at once" test "$rc" -eq 1
check "sync: Degraded named" has_output "devsecops-app-staging is Degraded"
deploy "Synced Progressing" sync devsecops-app-staging
check "sync: times out" test "$rc" -eq 1
check "sync: timeout explained" has_output "did not reach Synced/Healthy|Suspended within 5s"
deploy "Synced Suspended;Synced Healthy" promote devsecops-app-production devsecops-app
check "promote: exit 0" test "$rc" -eq 0
check "promote: promote-full action on the Rollout" \
  grep -qx "app actions run devsecops-app-production promote-full --kind Rollout --group argoproj.io --resource-name devsecops-app --grpc-web" "$calls"
check "promote: waits past Suspended until Healthy" test "$(grep -c '^app get' "$calls")" -eq 2
FAKE_ARGOCD_EXIT=20 deploy "Synced Healthy" sync devsecops-app-staging
check "sync: an unreadable app state ends in a timeout (exit 1)" test "$rc" -eq 1
check "sync: a refused sync request is only a warning" has_output "sync request for devsecops-app-staging was not accepted"
# EXPECT_REVISION against the real commits of the clone above: first = init, second = the promotion.
first="$(git -C "$clone" rev-list --max-parents=0 HEAD)"
second="$(git -C "$clone" rev-parse HEAD)"
deploy_in_clone() { # deploy_in_clone EXPECT STATES
  local expect="$1" st="$2"
  printf '%s\n' "$st" | tr ';' '\n' >"$states"
  : >"$calls"
  rc=0
  out="$(cd "$clone" && EXPECT_REVISION="$expect" FAKE_CALLS="$calls" FAKE_STATES="$states" ARGOCD_CLI="$fake" \
    ARGOCD_SERVER=argocd.example.com ARGOCD_AUTH_TOKEN=not-a-real-token ARGOCD_WAIT_SECONDS=2 ARGOCD_POLL_SECONDS=1 \
    bash "$REPO_ROOT/scripts/argocd-deploy.sh" sync devsecops-app-staging 2>&1)" || rc=$?
}
deploy_in_clone "$second" "Synced Healthy $first"
check "expected revision: Synced at an older commit is not a deployment" test "$rc" -eq 1
check "expected revision: named in the timeout" has_output "at ${second:0:12} within 2s"
deploy_in_clone "$second" "Synced Healthy $first;Synced Healthy $second"
check "expected revision: passes once synced to it" test "$rc" -eq 0
deploy_in_clone "$first" "Synced Healthy $second"
check "expected revision: a later commit on the branch includes it" test "$rc" -eq 0
deploy "Synced Healthy" rollback devsecops-app-staging
check "unknown command: exit 2" test "$rc" -eq 2
rc=0
out="$(ARGOCD_CLI="$fake" ARGOCD_SERVER=argocd.example.com bash "$REPO_ROOT/scripts/argocd-deploy.sh" sync app 2>&1)" || rc=$?
check "missing token: exit 2" test "$rc" -eq 2
check "missing token: named" has_output "ARGOCD_AUTH_TOKEN is not set"
unset -f assert_context

# ---------------------------------------------------------------- smoke-test.sh
cat >"$work/server.py" <<'PY'
import http.server, sys
# /good: 401 problem+json with nosniff; /leaky: also a versioned Server header; /nosniff-missing;
# /broken: 500. Any other path: 404.
ROUTES = {
    "/good/api/v1/items": (401, [("Content-Type", "application/problem+json"), ("X-Content-Type-Options", "nosniff")]),
    "/leaky/api/v1/items": (200, [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff"), ("X-Powered-By", "Netty")]),
    "/nosniff-missing/api/v1/items": (200, [("Content-Type", "application/json")]),
    "/broken/api/v1/items": (500, [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff")]),
}
class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "smoke"
    sys_version = ""
    def do_GET(self):
        status, headers = ROUTES.get(self.path, (404, [("Content-Type", "text/plain")]))
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(b"{}")
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$work/server.py" >"$work/port" &
server_pid=$!
for _ in $(seq 1 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port="$(cat "$work/port")"
smoke() {
  rc=0
  out="$(SMOKE_ATTEMPTS=2 SMOKE_INTERVAL=0 bash "$REPO_ROOT/scripts/smoke-test.sh" "$@" 2>&1)" || rc=$?
}
smoke "http://127.0.0.1:$port/good"
check "smoke: 401 with security headers passes" test "$rc" -eq 0
smoke "http://127.0.0.1:$port/broken"
check "smoke: 500 fails" test "$rc" -eq 1
check "smoke: last status reported" has_output "last status 500"
smoke "http://127.0.0.1:$port/nosniff-missing"
check "smoke: missing X-Content-Type-Options fails" test "$rc" -eq 1
smoke "http://127.0.0.1:$port/leaky"
check "smoke: X-Powered-By fails" test "$rc" -eq 1
check "smoke: disclosure explained" has_output "discloses the server software"
smoke "not-a-url"
check "smoke: bad URL is a usage error" test "$rc" -eq 2

finish "git clone + bare origin, fake argocd CLI, HTTP server on 127.0.0.1:$port"
