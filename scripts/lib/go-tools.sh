#!/usr/bin/env bash
# Builds the tools that scripts/security-tools.lock pins as Go modules (rows with arch "src") once per
# version and module hash into a cache outside the checkout, and links them into one bin directory.
# Sourced by scripts/install-test-deps.sh (and by common.sh for the paths); never run.
#
# Cache layout ($AKS_TOOLS_HOME, default ~/.cache/aks-devsecops):
#   tools/<tool>@<version>-<key>/<tool>   the build; <key> hashes go.mod, go.sum, ldflags, the module's
#                                        own .go files, the package and the Go version, so any change
#                                        to what is built makes a new entry and a warm run rebuilds nothing
#   bin/<tool>                           symlink to the current build (on PATH for the test command)

AKS_TOOLS_HOME="${AKS_TOOLS_HOME:-$HOME/.cache/aks-devsecops}"
AKS_TOOLS_BIN="$AKS_TOOLS_HOME/bin"
export AKS_TOOLS_HOME AKS_TOOLS_BIN

# go_tool_rows [ARCH] : the rows of the lock with that arch, "src" unless named ("src-fallback": built
# only when what it stands in for is missing) (SECURITY_TOOLS_LOCK overrides the lock, as for the
# installer): "tool version dir package module" per line.
go_tool_rows() {
  awk -v arch="${1:-src}" '!/^#/ && NF == 6 && $3 == arch && $4 ~ /^go:/ {sub(/^go:/, "", $4); print $1, $2, $4, $5, $6}' \
    "${SECURITY_TOOLS_LOCK:-$REPO_ROOT/scripts/security-tools.lock}"
}

# go_tool_key DIR PACKAGE : the cache key of a build.
go_tool_key() {
  local dir="$1" pkg="$2"
  {
    go env GOVERSION
    printf '%s\n' "$pkg"
    find "$REPO_ROOT/$dir" -maxdepth 1 -type f \( -name go.mod -o -name go.sum -o -name ldflags -o -name '*.go' \) \
      -print0 | sort -z | xargs -0 sha256sum | sed "s|$REPO_ROOT/||"
  } | sha256sum | cut -c1-12
}

# go_tool_path TOOL : the executable the cache holds for TOOL at the lock's version (prints nothing
# when it is not built).
go_tool_path() {
  local tool version dir pkg module
  read -r tool version dir pkg module < <({ go_tool_rows; go_tool_rows src-fallback; } | awk -v t="$1" '$1 == t')
  [ -n "${tool:-}" ] || return 1
  local p
  p="$AKS_TOOLS_HOME/tools/$tool@$version-$(go_tool_key "$dir" "$pkg")/$tool"
  [ -x "$p" ] && printf '%s\n' "$p"
}

# build_go_tool TOOL VERSION DIR PACKAGE MODULE : build (unless cached) and link into $AKS_TOOLS_BIN.
build_go_tool() {
  local tool="$1" version="$2" dir="$3" pkg="$4" module="$5"
  local src="$REPO_ROOT/$dir" key out tmp ldflags="" have started
  if [ ! -f "$src/go.mod" ] || [ ! -f "$src/go.sum" ]; then
    fail "$tool: $dir has no go.mod and go.sum"
    return 1
  fi
  # The row's version must be the one go.mod requires: the lock is the one place a version is read.
  have="$(cd "$src" && GOFLAGS=-mod=readonly go list -m -f '{{.Version}}' "$module" 2>/dev/null)"
  if [ "$have" != "v$version" ]; then
    fail "$tool: scripts/security-tools.lock pins $version but $dir/go.mod requires $module ${have:-nothing}"
    return 1
  fi
  key="$(go_tool_key "$dir" "$pkg")"
  out="$AKS_TOOLS_HOME/tools/$tool@$version-$key"
  if [ ! -x "$out/$tool" ]; then
    if [ -f "$src/ldflags" ]; then
      ldflags="$(sed -e "s/{version}/$version/g" -e "s/{major}/${version%%.*}/g" \
        -e "s/{minor}/$(cut -d. -f2 <<<"$version")/g" "$src/ldflags")"
    fi
    log "building $tool $version from $module ($dir)"
    started=$SECONDS
    tmp="$(mktemp -d "$AKS_TOOLS_HOME/tools/.build-XXXXXX")"
    # -mod=readonly: go.sum is the pin; a module whose hash is not in it fails the build.
    if ! (cd "$src" && GOFLAGS="-mod=readonly -buildvcs=false" TOOL_TIMEOUT="${GO_BUILD_TIMEOUT:-2400}" \
      run_tool go build -trimpath -ldflags "-s -w $ldflags" -o "$tmp/$tool" "$pkg"); then
      rm -rf "$tmp"
      fail "$tool $version: go build failed"
      return 1
    fi
    rm -rf "$out"
    mv "$tmp" "$out"
    log "built $tool $version in $((SECONDS - started)) s"
  fi
  mkdir -p "$AKS_TOOLS_BIN"
  ln -sfn "$out/$tool" "$AKS_TOOLS_BIN/$tool"
}

# build_go_tools [TOOL,...] [ARCH] : every row of the lock with that arch (default src), or those
# named, under one lock so two runs on one machine never build into the same place at once.
build_go_tools() {
  local only="${1:-}" arch="${2:-src}" failed=0 tool version dir pkg module
  require_tool go || return 1
  mkdir -p "$AKS_TOOLS_HOME/tools"
  exec 9>"$AKS_TOOLS_HOME/tools/.lock"
  flock 9
  while read -r tool version dir pkg module; do
    [ -z "$only" ] || [[ ",$only," == *",$tool,"* ]] || continue
    build_go_tool "$tool" "$version" "$dir" "$pkg" "$module" || failed=$((failed + 1))
  done < <(go_tool_rows "$arch")
  flock -u 9
  [ "$failed" -eq 0 ]
}
