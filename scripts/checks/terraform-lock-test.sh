#!/usr/bin/env bash
# Tests scripts/terraform-lock.sh against stand-ins: a fake terraform that records its arguments and
# writes a lock file (the hashes themselves are terraform's decision, made against the registry in
# the workflow), and a fake gh that records the API calls. Every stack is locked for every platform
# the script names; an unchanged lock proposes nothing; changed locks become one pull request made
# through the contents API from the base commit; a terraform failure stops the run.
set -uo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
# shellcheck source=../lib/assert.sh
source "$REPO_ROOT/scripts/lib/assert.sh"
ASSERT_NAME=terraform-lock-test

use_workdir
mkdir -p "$work/bin" "$work/tf/aks" "$work/tf/security" "$work/tf/monitoring"
calls="$work/calls"
: >"$calls"
cat >"$work/bin/terraform" <<FAKE
#!/usr/bin/env bash
# Stand-in for terraform: records the call, writes FAKE_LOCK as the lock file of -chdir.
printf 'terraform %s\n' "\$*" >>"$calls"
[ -z "\${FAKE_TF_FAIL:-}" ] || exit 1
dir="\${1#-chdir=}"
printf '%s\n' "\${FAKE_LOCK:-lock v1}" >"\$dir/.terraform.lock.hcl"
FAKE
cat >"$work/bin/gh" <<FAKE
#!/usr/bin/env bash
# Stand-in for gh: records the call; the lock branch does not exist yet, no pull request is open.
printf 'gh %s\n' "\$*" >>"$calls"
case "\$1 \$2" in
  "api repos/example/platform/git/ref/heads/terraform/provider-locks") exit 1 ;;
  "pr list") echo "" ;;
  "pr create") echo "https://github.com/example/platform/pull/9" ;;
esac
exit 0
FAKE
chmod +x "$work/bin/terraform" "$work/bin/gh"
lock_run() {
  rc=0
  out="$(PATH="$work/bin:$PATH" TF_ROOT="$work/tf" GITHUB_REPOSITORY=example/platform GITHUB_SHA=0123abc \
    bash "$REPO_ROOT/scripts/terraform-lock.sh" "$@" 2>&1)" || rc=$?
}
assert_context() { printf 'calls:\n%s\n' "$(cat "$calls")"; }
every_platform() {
  local stack
  for stack in aks security monitoring; do
    grep -qx "terraform -chdir=$work/tf/$stack providers lock -platform=linux_amd64 -platform=linux_arm64 -platform=darwin_amd64 -platform=darwin_arm64 -platform=windows_amd64" "$calls" || return 1
  done
}

lock_run
check "first lock: exit 0" test "$rc" -eq 0
check "first lock: every stack locked for every platform" every_platform
check "first lock: lock files written" test -f "$work/tf/monitoring/.terraform.lock.hcl"

: >"$calls"
lock_run --propose
check "unchanged locks: exit 0" test "$rc" -eq 0
check "unchanged locks: nothing proposed" has_output "no lock file changed: nothing to propose"
check "unchanged locks: no GitHub call" test "$(grep -c '^gh ' "$calls")" -eq 0

: >"$calls"
FAKE_LOCK="lock v2" lock_run --propose
check "changed locks: exit 0" test "$rc" -eq 0
check "changed locks: the branch starts at the base commit" \
  grep -qx "gh api repos/example/platform/git/refs -f ref=refs/heads/terraform/provider-locks -f sha=0123abc" "$calls"
check "changed locks: one commit per stack through the contents API, on the branch" \
  test "$(grep -c "^gh api -X PUT repos/example/platform/contents/infra/terraform/[a-z]*/.terraform.lock.hcl .* -f branch=terraform/provider-locks -f content=$(printf 'lock v2\n' | base64 -w0)" "$calls")" -eq 3
check "changed locks: the pull request is opened against main" \
  grep -q "^gh pr create --repo example/platform --base main --head terraform/provider-locks --title terraform: provider lock files" "$calls"
check "changed locks: its link is printed" has_output "proposed: https://github.com/example/platform/pull/9"

FAKE_TF_FAIL=1 lock_run
check "terraform fails: exit 1" test "$rc" -eq 1
check "terraform fails: the stack is named" has_output "aks: terraform providers lock failed"
lock_run --frobnicate
check "unknown argument: exit 2" test "$rc" -eq 2

finish "fake terraform and gh"
