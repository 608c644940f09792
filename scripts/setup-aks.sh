#!/usr/bin/env bash
# Bootstraps one environment with the bootstrap CLI (bootstrap/): a thin wrapper around its jar.
#   ./scripts/setup-aks.sh ENV [apply options]
#   ./scripts/setup-aks.sh staging --dry-run       offline: prints the whole staging plan, exit 0
#   ./scripts/setup-aks.sh staging                 preflight, then apply (needs az, terraform, kubectl)
#   ./scripts/setup-aks.sh production --yes        protected: --yes or the typed environment name
# The jar is (re)built with the Maven wrapper when it is missing or older than its sources.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

if [ "$#" -lt 1 ] || [ "${1#-}" != "$1" ]; then
  printf 'usage: %s ENV [--dry-run] [--resume] [--yes] [--output json] [--verbose]\n' "$0" >&2
  exit 2
fi
environment="$1"
shift

jar="$(bootstrap_jar)"

cd "$REPO_ROOT"
exec java -jar "$jar" apply --env "$environment" "$@"
