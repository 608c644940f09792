#!/usr/bin/env bash
# Tests the pipeline's deployment scripts without a cluster:
#   promote-image.sh  against a real git clone and bare "origin" (staging's commit must reach origin's
#                     deploy/staging and never main; production only as a branch + pull request, or a
#                     registry copy), with fake cosign (registry copy) and gh (PRs);
#   argocd-deploy.sh  against a fake Argo CD REST API on 127.0.0.1 that records calls and reports app states;
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

use_workdir
digest="sha256:$(printf 'b%.0s' {1..64})"

# ---------------------------------------------------------------- promote-image.sh
git init -q --bare "$work/origin.git"
clone="$work/clone"
git clone -q "$work/origin.git" "$clone" 2>/dev/null
mkdir -p "$clone/scripts/lib" "$clone/kubernetes/apps/devsecops-app/overlays/staging" "$work/bin"
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

# Fake cosign and gh: record their arguments; gh "pr list" prints $work/gh-existing, "pr create" a URL;
# cosign exits with $FAKE_COSIGN_EXIT.
cat >"$work/bin/cosign" <<'FAKE'
#!/usr/bin/env bash
printf 'cosign %s\n' "$*" >>"$FAKE_CALLS"
exit "${FAKE_COSIGN_EXIT:-0}"
FAKE
cat >"$work/bin/gh" <<'FAKE'
#!/usr/bin/env bash
printf 'gh %s\n' "$*" >>"$FAKE_CALLS"
case "$1 $2" in
  "pr list") cat "$FAKE_GH_EXISTING" 2>/dev/null || true ;;
  "pr create") echo "https://github.com/aks-devsecops/platform/pull/7" ;;
esac
FAKE
cat >"$work/bin/verify-image" <<'FAKE'
#!/usr/bin/env bash
printf 'verify-image %s\n' "$*" >>"$FAKE_CALLS"
exit "${FAKE_VERIFY_EXIT:-0}"
FAKE
chmod +x "$work/bin/cosign" "$work/bin/gh" "$work/bin/verify-image"
tool_calls="$work/tool-calls.log"
promote() {
  rc=0
  : >"$work/github-output"
  : >"$tool_calls"
  out="$(cd "$clone" && PATH="$work/bin:$PATH" FAKE_CALLS="$tool_calls" FAKE_GH_EXISTING="$work/gh-existing" \
    VERIFY_IMAGE="$work/bin/verify-image" GITHUB_OUTPUT="$work/github-output" TOOL_TIMEOUT=120 \
    bash scripts/promote-image.sh "$@" 2>&1)" || rc=$?
}
main_init="$(git --git-dir="$work/origin.git" rev-parse main)"
GIT_PUSH_TOKEN=not-a-real-push-token promote staging fakeacr.azurecr.io/devsecops-app "$digest"
deployed() { git --git-dir="$work/origin.git" show "deploy/staging:kubernetes/apps/devsecops-app/overlays/staging/kustomization.yaml"; }
check "promote: exit 0" test "$rc" -eq 0
check "promote: digest pinned in the deploy branch's overlay" grep -q "digest: $digest" <(deployed)
check "promote: registry set" grep -q "newName: fakeacr.azurecr.io/devsecops-app" <(deployed)
check "promote: tag removed" test "$(deployed | grep -c newTag)" -eq 0
check "promote: comments kept" grep -q "^# Staging overlay." <(deployed)
check "promote: main on origin is never written" test "$(git --git-dir="$work/origin.git" rev-parse main)" = "$main_init"
check "promote: the clone's checkout is left as it was" test -z "$(git -C "$clone" status --porcelain)"
check "promote: the deploy commit reached origin/deploy/staging" \
  grep -q "deploy(staging): devsecops-app@$digest" <(git --git-dir="$work/origin.git" log -1 --format=%s deploy/staging)
check "promote: the deploy commit is main's tree plus the pin, on top of main's commit" \
  test "$(git --git-dir="$work/origin.git" rev-parse deploy/staging^1)" = "$main_init"
check "promote: commit published as the step output" \
  grep -qx "revision=$(git --git-dir="$work/origin.git" rev-parse deploy/staging)" "$work/github-output"
check "promote: the push token is never written to the clone's git config" \
  test "$(grep -rc not-a-real-push-token "$clone/.git/config" || true)" -eq 0
check "promote: no registry copy without --copy-from" test ! -s "$tool_calls"
first_deploy="$(git --git-dir="$work/origin.git" rev-parse deploy/staging)"
promote staging fakeacr.azurecr.io/devsecops-app "$digest"
check "promote again: exit 0 and no new commit" test "$rc" -eq 0
check "promote again: says already deployed" has_output "already deploys"
check "promote again: the deploy branch did not move" test "$(git --git-dir="$work/origin.git" rev-parse deploy/staging)" = "$first_deploy"
# main moves on (a reviewed merge); the next promotion builds on both heads, a fast-forward.
printf '# docs\n' >"$clone/NOTES.md"
git -C "$clone" add NOTES.md
git -C "$clone" -c user.name=t -c user.email=t@example.com commit -q -m "docs"
git -C "$clone" push -q origin HEAD:main 2>/dev/null
promote staging fakeacr.azurecr.io/devsecops-app "sha256:$(printf 'e%.0s' {1..64})"
check "promote after a merge: exit 0" test "$rc" -eq 0
check "promote after a merge: the deploy branch moves forward from its last head" \
  test "$(git --git-dir="$work/origin.git" rev-parse deploy/staging^1)" = "$first_deploy"
check "promote after a merge: and holds the new main commit" \
  test "$(git --git-dir="$work/origin.git" rev-parse deploy/staging^2)" = "$(git --git-dir="$work/origin.git" rev-parse main)"
check "promote after a merge: with main's new files" \
  test "$(git --git-dir="$work/origin.git" show deploy/staging:NOTES.md)" = "# docs"

# production: only through a pull request, after copying the digest into the production registry
prod_overlay="$clone/kubernetes/apps/devsecops-app/overlays/production/kustomization.yaml"
mkdir -p "$(dirname "$prod_overlay")"
sed 's/Staging overlay/Production overlay/; s/placeholder.azurecr.io/placeholderprd.azurecr.io/' >"$prod_overlay" <<'YAML'
# Staging overlay.
resources:
  - ../../base
images:
  - name: devsecops-app
    newName: placeholder.azurecr.io/devsecops-app
    digest: sha256:0000000000000000000000000000000000000000000000000000000000000000
YAML
git -C "$clone" add -A
git -C "$clone" -c user.name=t -c user.email=t@example.com commit -q -m "production overlay"
git -C "$clone" push -q origin HEAD:main 2>/dev/null
main_before="$(git --git-dir="$work/origin.git" rev-parse main)"
promote production prdacr.azurecr.io/devsecops-app "$digest"
check "promote production without --pull-request: exit 2" test "$rc" -eq 2
check "promote production without --pull-request: explained" has_output "production is promoted only with --pull-request"
promote --copy-only production prdacr.azurecr.io/devsecops-app "$digest"
check "copy-only without --copy-from: exit 2" test "$rc" -eq 2
promote --copy-from fakeacr.azurecr.io/devsecops-app --copy-only production prdacr.azurecr.io/devsecops-app "$digest"
check "copy-only: exit 0" test "$rc" -eq 0
check "copy-only: the digest is copied with its signatures" \
  grep -qx "cosign copy --force fakeacr.azurecr.io/devsecops-app@$digest prdacr.azurecr.io/devsecops-app@$digest" "$tool_calls"
check "copy-only: nothing committed, proposed or pushed" \
  test "$(git --git-dir="$work/origin.git" rev-parse main)" = "$main_before" -a "$(grep -c 'gh pr' "$tool_calls")" -eq 0
FAKE_VERIFY_EXIT=1 promote --copy-from fakeacr.azurecr.io/devsecops-app --verify --pull-request production prdacr.azurecr.io/devsecops-app "$digest"
check "promote production: a copy that does not verify is not proposed (exit 1)" test "$rc" -eq 1
check "promote production: verification ran on the production copy after copying" \
  test "$(sed -n 2p "$tool_calls")" = "verify-image prdacr.azurecr.io/devsecops-app@$digest"
check "promote production: nothing proposed without verification" test "$(grep -c 'gh pr' "$tool_calls")" -eq 0
promote --copy-from fakeacr.azurecr.io/devsecops-app --verify --pull-request production prdacr.azurecr.io/devsecops-app "$digest"
branch="promote/production/bbbbbbbbbbbb"
check "promote production: exit 0" test "$rc" -eq 0
check "promote production: digest copied between registries with its signatures" \
  grep -qx "cosign copy --force fakeacr.azurecr.io/devsecops-app@$digest prdacr.azurecr.io/devsecops-app@$digest" "$tool_calls"
check "promote production: main on origin untouched" test "$(git --git-dir="$work/origin.git" rev-parse main)" = "$main_before"
check "promote production: the branch on origin pins the digest" \
  grep -q "digest: $digest" <(git --git-dir="$work/origin.git" show "$branch:kubernetes/apps/devsecops-app/overlays/production/kustomization.yaml")
check "promote production: pull request opened against main from the branch" \
  grep -q "^gh pr create --base main --head $branch --title deploy(production): devsecops-app@sha256:bbbbbbbbbbbb" "$tool_calls"
check "promote production: pull request published as the step output" \
  grep -qx "pull-request=https://github.com/aks-devsecops/platform/pull/7" "$work/github-output"
check "promote production: the deploy reads the proposed pin back" test "$(git -C "$clone" show "$branch:kubernetes/apps/devsecops-app/overlays/production/kustomization.yaml" |
  node "$REPO_ROOT/scripts/lib/set-image.mjs" --get /dev/stdin devsecops-app)" = "prdacr.azurecr.io/devsecops-app@$digest"
check "promote production: the clone is back on main" test "$(git -C "$clone" rev-parse --abbrev-ref HEAD)" = main
echo "https://github.com/aks-devsecops/platform/pull/7" >"$work/gh-existing"
promote --pull-request production prdacr.azurecr.io/devsecops-app "$digest"
check "promote production again: exit 0, the open pull request is reused" test "$rc" -eq 0
check "promote production again: no second pull request" test "$(grep -c 'gh pr create' "$tool_calls")" -eq 0
rm -f "$work/gh-existing"
FAKE_COSIGN_EXIT=1 promote --copy-from fakeacr.azurecr.io/devsecops-app --pull-request production prdacr.azurecr.io/devsecops-app "sha256:$(printf 'd%.0s' {1..64})"
check "promote production: a failed registry copy stops before any commit (exit 1)" test "$rc" -eq 1
check "promote production: the failed copy is named" has_output "could not copy fakeacr.azurecr.io/devsecops-app@sha256:dddd"
check "promote production: nothing proposed after a failed copy" test "$(grep -c 'gh pr' "$tool_calls")" -eq 0

promote production2 fakeacr.azurecr.io/devsecops-app "$digest"
check "promote to a missing overlay: exit 2" test "$rc" -eq 2
check "promote to a missing overlay: names the file" has_output "overlays/production2/kustomization.yaml does not exist"
promote staging fakeacr.azurecr.io/devsecops-app:1.0 "$digest"
check "promote with a tagged image: exit 2" test "$rc" -eq 2
promote staging fakeacr.azurecr.io/devsecops-app sha256:short
check "promote with a bad digest: exit 2" test "$rc" -eq 2
sed -i 's/name: devsecops-app/name: other-app/; s|newName: [^ ]*/devsecops-app|newName: x.azurecr.io/other-app|' "$overlay"
promote staging fakeacr.azurecr.io/devsecops-app "sha256:$(printf 'c%.0s' {1..64})"
check "promote without an images entry: exit 1" test "$rc" -eq 1
check "promote without an images entry: explains" has_output "no images: entry for devsecops-app"
git -C "$clone" checkout -q -- "$overlay"

# ---------------------------------------------------------------- argocd-deploy.sh
# A fake Argo CD REST API on 127.0.0.1: records "METHOD PATH?QUERY BODY auth=ok|missing" per
# request; GET of an application answers the next "<sync> <health> <revision>" line of $states (a
# refresh peeks without consuming); while $work/argocd-down exists every call answers 503.
states="$work/argocd-states"
calls="$work/argocd-calls.log"
cat >"$work/argocd-api.py" <<'PY'
import json, os, urllib.parse
STATES, CALLS, DOWN = argv
TOKEN = "Bearer not-a-real-token"
class Handler(Quiet):
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def handle_any(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else "-"
        auth = "ok" if self.headers.get("Authorization") == TOKEN else "missing"
        with open(CALLS, "a") as f:
            f.write(f"{method} {self.path} {body} auth={auth}\n")
        if os.path.exists(DOWN):
            return self.answer(503, {"error": "unavailable"})
        if auth != "ok":
            return self.answer(401, {"error": "no token"})
        url = urllib.parse.urlparse(self.path)
        if method == "GET" and url.path.startswith("/api/v1/applications/"):
            with open(STATES) as f:
                lines = f.read().splitlines()
            sync, health, *rest = lines[0].split()
            if "refresh=" not in url.query and len(lines) > 1:
                with open(STATES, "w") as f:
                    f.write("\n".join(lines[1:]) + "\n")
            status = {"sync": {"status": sync}, "health": {"status": health}}
            if rest:
                status["sync"]["revision"] = rest[0]
            return self.answer(200, {"metadata": {"name": url.path.rsplit("/", 1)[1]}, "status": status})
        return self.answer(200, {})
    def do_GET(self):
        self.handle_any("GET")
    def do_POST(self):
        self.handle_any("POST")
PY
printf 'Synced Healthy\n' >"$states"
serve_loopback "$work/argocd-api.py" "$states" "$calls" "$work/argocd-down"
argocd_url="http://127.0.0.1:$served_port"
assert_context() { printf 'Argo CD API calls:\n%s\n' "$(cat "$calls" 2>/dev/null)"; }
deploy() { # deploy STATES ARGS...
  printf '%s\n' "$1" | tr ';' '\n' >"$states"
  shift
  : >"$calls"
  rc=0
  out="$(ARGOCD_SERVER="$argocd_url" ARGOCD_AUTH_TOKEN=not-a-real-token ARGOCD_WAIT_SECONDS=5 ARGOCD_POLL_SECONDS=1 \
    bash "$REPO_ROOT/scripts/argocd-deploy.sh" "$@" 2>&1)" || rc=$?
}
deploy "OutOfSync Progressing;Synced Progressing;Synced Healthy" sync devsecops-app-staging
check "sync: exit 0 once Synced and Healthy" test "$rc" -eq 0
check "sync: refreshed first" test "$(head -n 1 "$calls")" = "GET /api/v1/applications/devsecops-app-staging?refresh=normal - auth=ok"
check "sync: sync requested through the REST API" grep -qx 'POST /api/v1/applications/devsecops-app-staging/sync {"prune":false} auth=ok' "$calls"
check "sync: polled until healthy" test "$(grep -c '^GET /api/v1/applications/devsecops-app-staging -' "$calls")" -eq 3
check "sync: every call carries the token" test "$(grep -c 'auth=missing' "$calls")" -eq 0
check "sync: token never printed" test "$(grep -c not-a-real-token <<<"$out")" -eq 0
deploy "Synced Suspended" sync devsecops-app-production
check "sync: a paused blue/green Rollout (Suspended) counts as deployed" test "$rc" -eq 0
approved="$(printf 'a%.0s' {1..40})"
SYNC_REVISION="$approved" deploy "Synced Suspended" sync devsecops-app-production
check "sync: the approved commit is the revision synced (manual sync)" \
  grep -qx "POST /api/v1/applications/devsecops-app-production/sync {\"prune\":false,\"revision\":\"$approved\"} auth=ok" "$calls"
SYNC_REVISION=main deploy "Synced Suspended" sync devsecops-app-production
check "sync: a revision that is not a commit is refused (exit 2)" test "$rc" -eq 2
deploy "Synced Degraded" sync devsecops-app-staging
check "sync: Degraded fails at once" test "$rc" -eq 1
check "sync: Degraded named" has_output "devsecops-app-staging is Degraded"
deploy "Synced Progressing" sync devsecops-app-staging
check "sync: times out" test "$rc" -eq 1
check "sync: timeout explained" has_output "did not reach Synced/Healthy|Suspended within 5s"
deploy "Synced Suspended;Synced Healthy" promote devsecops-app-production devsecops-app
check "promote: exit 0" test "$rc" -eq 0
check "promote: promote-full action on the Rollout in its namespace" \
  grep -qx 'POST /api/v1/applications/devsecops-app-production/resource/actions?namespace=devsecops-app&resourceName=devsecops-app&version=v1alpha1&group=argoproj.io&kind=Rollout "promote-full" auth=ok' "$calls"
check "promote: waits past Suspended until Healthy" test "$(grep -c '^GET' "$calls")" -eq 2
touch "$work/argocd-down"
deploy "Synced Healthy" sync devsecops-app-staging
check "sync: an unreachable API ends in a timeout (exit 1)" test "$rc" -eq 1
check "sync: a refused sync request is only a warning" has_output "sync request for devsecops-app-staging was not accepted"
deploy "Synced Healthy" promote devsecops-app-production devsecops-app
check "promote: a refused action fails (exit 1)" test "$rc" -eq 1
check "promote: refusal explained" has_output "could not promote Rollout devsecops-app in devsecops-app-production"
rm -f "$work/argocd-down"
# EXPECT_REVISION against the real commits of the clone above: first = init, second = the promotion.
first="$(git -C "$clone" rev-list --max-parents=0 HEAD)"
second="$(git -C "$clone" rev-parse HEAD)"
deploy_in_clone() { # deploy_in_clone EXPECT STATES
  local expect="$1" st="$2"
  printf '%s\n' "$st" | tr ';' '\n' >"$states"
  : >"$calls"
  rc=0
  out="$(cd "$clone" && EXPECT_REVISION="$expect" ARGOCD_SERVER="$argocd_url" ARGOCD_AUTH_TOKEN=not-a-real-token \
    ARGOCD_WAIT_SECONDS=2 ARGOCD_POLL_SECONDS=1 bash "$REPO_ROOT/scripts/argocd-deploy.sh" sync devsecops-app-staging 2>&1)" || rc=$?
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
out="$(ARGOCD_SERVER="$argocd_url" bash "$REPO_ROOT/scripts/argocd-deploy.sh" sync app 2>&1)" || rc=$?
check "missing token: exit 2" test "$rc" -eq 2
check "missing token: named" has_output "ARGOCD_AUTH_TOKEN is not set"
rc=0
out="$(ARGOCD_SERVER=http://argocd.example.com ARGOCD_AUTH_TOKEN=x bash "$REPO_ROOT/scripts/argocd-deploy.sh" sync app 2>&1)" || rc=$?
check "plain http to a remote server: exit 2" test "$rc" -eq 2
unset -f assert_context

# ---------------------------------------------------------------- smoke-test.sh
cat >"$work/server.py" <<'PY'
# /good: 401 problem+json with nosniff; /leaky: also a versioned Server header; /nosniff-missing;
# /broken: 500. Any other path: 404.
ROUTES = {
    "/good/api/v1/items": (401, [("Content-Type", "application/problem+json"), ("X-Content-Type-Options", "nosniff")]),
    "/leaky/api/v1/items": (200, [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff"), ("X-Powered-By", "Netty")]),
    "/nosniff-missing/api/v1/items": (200, [("Content-Type", "application/json")]),
    "/broken/api/v1/items": (500, [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff")]),
}
class Handler(Quiet):
    server_version = "smoke"
    sys_version = ""
    def do_GET(self):
        status, headers = ROUTES.get(self.path, (404, [("Content-Type", "text/plain")]))
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(b"{}")
PY
serve_loopback "$work/server.py"
port="$served_port"
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

finish "git clone + bare origin, fake Argo CD API at $argocd_url, HTTP server on 127.0.0.1:$port"
