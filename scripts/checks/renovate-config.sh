#!/usr/bin/env bash
# The Renovate configuration (.github/renovate.json): renovate-config-validator of the pinned
# renovate (scripts/package.json) accepts it, and rejects a planted broken copy; then
# `renovate --platform=local --dry-run=extract`, offline, over a copy of the repository and over a
# fixture tools lock with a row of every kind (GitHub release, HashiCorp, PyPI, Go module), must
# extract every pin the files hold (scripts/validators/renovate-extract.mjs).
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"
cd "$REPO_ROOT"
config=.github/renovate.json
check_files renovate-config ".github" "$config"
require_tool node
require_tool renovate-config-validator
require_tool git

run_tool "$NODE_BIN/renovate-config-validator" --strict "$config"
bad="$(mktemp -d)"
trap 'rm -rf "$bad"' EXIT
node -e '
  const fs = require("node:fs");
  const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  c.customManagers[0].matchStrings = ["(?<depName>unclosed"];
  c.enabledManagers.push("not-a-manager");
  fs.writeFileSync(process.argv[2], JSON.stringify(c));' "$config" "$bad/renovate.json"
if run_tool "$NODE_BIN/renovate-config-validator" --strict "$bad/renovate.json" >"$bad/out" 2>&1; then
  fail "self-test: renovate-config-validator accepted a configuration with a broken regex and an unknown manager"
  exit 1
fi

# extract DIR LOG : Renovate's offline extraction of the git repository DIR, as JSON log lines.
extract() {
  (cd "$1" && RENOVATE_BASE_DIR="$bad/base" LOG_LEVEL=info LOG_FORMAT=json \
    TOOL_TIMEOUT=300 run_tool "$NODE_BIN/renovate" --platform=local --dry-run=extract --onboarding=false) >"$2" 2>&1
}
# commit_all DIR : DIR as a one-commit git repository (Renovate's local platform lists files through git).
commit_all() {
  git -C "$1" init -q
  git -C "$1" add -A
  git -C "$1" -c user.name=check -c user.email=check@localhost commit -q -m snapshot
}

# The working tree as it is (tracked and new files), not the last commit.
mkdir -p "$bad/repo"
tracked_files . | tar -cf - -T - | tar -xf - -C "$bad/repo"
commit_all "$bad/repo"
extract "$bad/repo" "$bad/repo.log" || { fail "renovate extraction failed"; tail -n 20 "$bad/repo.log" >&2; exit 1; }
run_tool node scripts/validators/renovate-extract.mjs --log "$bad/repo.log" --root "$bad/repo"

fixture=scripts/validators/testdata/renovate/security-tools.lock
mkdir -p "$bad/fixture/.github" "$bad/fixture/scripts"
cp "$config" "$bad/fixture/.github/renovate.json"
cp "$fixture" "$bad/fixture/scripts/security-tools.lock"
commit_all "$bad/fixture"
extract "$bad/fixture" "$bad/fixture.log" || { fail "renovate extraction failed"; tail -n 20 "$bad/fixture.log" >&2; exit 1; }
run_tool node scripts/validators/renovate-extract.mjs --log "$bad/fixture.log" --root "$bad/fixture" --only-lock
