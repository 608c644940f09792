#!/usr/bin/env bash
# Installs the pinned tools listed in scripts/security-tools.lock (Trivy, Grype, Syft, cosign,
# gitleaks, Kyverno CLI, hadolint, Terraform, Nuclei, checkov, Semgrep, detect-secrets) for developers
# and the GitHub workflows.
# Every download is checked against its SHA-256 before anything is installed; a mismatch installs
# nothing. Tools already present at the pinned version are skipped.
#
# Usage: scripts/install-security-tools.sh [--dir DIR] [--only TOOL[,TOOL...]] [--list]
#   --dir DIR    install directory (default: /usr/local/bin when writable, else ~/.local/bin)
#   --only LIST  install only these tools
#   --list       print the pinned tools for this machine and exit
# Environment: SECURITY_TOOLS_LOCK overrides the lock file (used by the installer's own test).
# Exit codes: 0 installed, 1 a download or checksum failed, 2 invalid usage, 3 unsupported machine.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

readonly EXIT_FAILED=1 EXIT_USAGE=2 EXIT_UNSUPPORTED=3
lock="${SECURITY_TOOLS_LOCK:-$REPO_ROOT/scripts/security-tools.lock}"

usage_error() {
  fail "$1"
  sed -n '8,12s/^# \{0,1\}//p' "$0" >&2
  exit "$EXIT_USAGE"
}

dir=""
only=""
list=false
while [ "$#" -gt 0 ]; do
  case "$1" in
    --dir)
      if [ "$#" -lt 2 ] || [ -z "$2" ]; then usage_error "--dir needs a directory"; fi
      dir="$2"
      shift 2
      ;;
    --only)
      if [ "$#" -lt 2 ] || [ -z "$2" ]; then usage_error "--only needs a comma-separated list of tools"; fi
      only="$2"
      shift 2
      ;;
    --list)
      list=true
      shift
      ;;
    -h | --help)
      sed -n '8,12s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    *) usage_error "unknown argument: $1" ;;
  esac
done

[ -f "$lock" ] || usage_error "lock file not found: $lock"

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64 | Linux/amd64) arch=amd64 ;;
  Linux/aarch64 | Linux/arm64) arch=arm64 ;;
  *)
    fail "unsupported machine $(uname -s)/$(uname -m): the lock file pins Linux amd64 and arm64 builds"
    exit "$EXIT_UNSUPPORTED"
    ;;
esac

# Lock entries for this machine: "tool version sha member url" per line.
mapfile -t entries < <(awk -v arch="$arch" '!/^#/ && NF == 6 && ($3 == arch || $3 == "any") {print $1, $2, $4, $5, $6}' "$lock")
[ "${#entries[@]}" -gt 0 ] || usage_error "$lock pins nothing for linux/$arch"

if [ -n "$only" ]; then
  IFS=',' read -r -a wanted <<<"$only"
  for w in "${wanted[@]}"; do
    printf '%s\n' "${entries[@]}" | grep -q "^$w " || usage_error "--only: $w is not in $lock"
  done
fi
selected() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

if [ "$list" = true ]; then
  for e in "${entries[@]}"; do
    read -r tool version sha _ url <<<"$e"
    selected "$tool" || continue
    pin="pinned sha256"
    [[ "$sha" != upstream:* ]] || pin="release checksum file"
    [[ "$sha" != pip-hashes:* ]] || pin="PyPI, hash lock"
    printf '%-9s %-8s %-22s %s\n' "$tool" "$version" "$pin" "$url"
  done
  exit 0
fi

if [ -z "$dir" ]; then
  if [ -w /usr/local/bin ]; then dir=/usr/local/bin; else dir="$HOME/.local/bin"; fi
fi
mkdir -p "$dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

download() { # download URL FILE
  TOOL_TIMEOUT=600 run_tool curl --fail --location --silent --show-error --retry 3 --max-time 540 -o "$2" "$1"
}

# expected_sha SHA_OR_UPSTREAM FILE_NAME : the SHA-256 to compare with, from the pin or the release list.
expected_sha() {
  local spec="$1" name="$2" sums
  if [[ "$spec" != upstream:* ]]; then
    printf '%s\n' "$spec"
    return
  fi
  sums="$work/checksums.txt"
  download "${spec#upstream:}" "$sums" || return 1
  warn "$name: no pinned SHA-256 yet; checking against the release's checksum file"
  # Lines are "<sha256>  <file>" (or a bare "<sha256>" in single-file .sha256 lists).
  awk -v f="$name" 'NF == 1 {print $1; exit} {sub(/^\*/, "", $2)} $2 == f {print $1; exit}' "$sums"
}

installed_version_matches() { # installed_version_matches PATH VERSION
  [ -x "$1" ] || return 1
  { "$1" --version 2>/dev/null || "$1" version 2>/dev/null; } | grep -qF "$2"
}

install_binary() { # install_binary TOOL VERSION SHA MEMBER URL
  local tool="$1" version="$2" sha="$3" member="$4" url="$5"
  local name="${url##*/}" file want got
  file="$work/$name"
  download "$url" "$file" || {
    fail "$tool $version: download failed: $url"
    return 1
  }
  want="$(expected_sha "$sha" "$name")" || {
    fail "$tool $version: could not read the release checksum file"
    return 1
  }
  got="$(sha256sum "$file" | cut -d' ' -f1)"
  if [ -z "$want" ] || [ "$got" != "$want" ]; then
    fail "$tool $version: SHA-256 mismatch for $name (expected ${want:-none}, got $got): not installed"
    return 1
  fi
  mkdir -p "$work/$tool"
  case "$name" in
    *.tar.gz | *.tgz) tar -xzf "$file" -C "$work/$tool" "$member" ;;
    *.zip) unzip -q -o "$file" "$member" -d "$work/$tool" ;;
    *) cp "$file" "$work/$tool/$tool" && member="$tool" ;;
  esac
  install -m 0755 "$work/$tool/$member" "$dir/$tool"
}

install_pip() { # install_pip TOOL VERSION PACKAGE HASH_LOCK
  local tool="$1" version="$2" package="$3" hashes="$4" venv
  # Outside any checkout, so repository scans never walk the virtual environment.
  venv="${XDG_DATA_HOME:-$HOME/.local/share}/security-tools/$tool-$version"
  require_tool python3
  [ -f "$REPO_ROOT/$hashes" ] || { fail "$tool: hash lock $hashes not found"; return 1; }
  # One requirement per line with the hash of each file it may install.
  grep -Eq "^$package==$version( --hash=sha256:[0-9a-f]{64})+\$" "$REPO_ROOT/$hashes" || {
    fail "$tool: $hashes does not pin $package==$version"
    return 1
  }
  TOOL_TIMEOUT=300 run_tool python3 -m venv "$venv" || return 1
  TOOL_TIMEOUT=900 run_tool "$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes \
    --only-binary :all: -r "$REPO_ROOT/$hashes" || return 1
  # Every executable the package names after itself (detect-secrets also ships detect-secrets-hook).
  local exe
  for exe in "$venv/bin/$tool"*; do ln -sf "$exe" "$dir/${exe##*/}"; done
}

failed=0
done_count=0
for e in "${entries[@]}"; do
  read -r tool version sha member url <<<"$e"
  selected "$tool" || continue
  if installed_version_matches "$dir/$tool" "$version"; then
    log "$tool $version already installed in $dir"
    done_count=$((done_count + 1))
    continue
  fi
  log "==> $tool $version"
  if [ "$sha" = pip ]; then
    fail "$tool $version: a version pin alone is not accepted; give a pip-hashes: lock (pip --require-hashes)"
    failed=$((failed + 1))
  elif [[ "$sha" == pip-hashes:* ]]; then
    install_pip "$tool" "$version" "$member" "${sha#pip-hashes:}" || failed=$((failed + 1))
  else
    install_binary "$tool" "$version" "$sha" "$member" "$url" || failed=$((failed + 1))
  fi
  [ -x "$dir/$tool" ] && done_count=$((done_count + 1))
done

if [ "$failed" -gt 0 ]; then
  fail "$failed tool(s) not installed"
  exit "$EXIT_FAILED"
fi
log "security tools: $done_count installed in $dir (linux/$arch)"
case ":$PATH:" in *":$dir:"*) ;; *) warn "$dir is not on PATH" ;; esac
