#!/usr/bin/env bash
# Builds the local, offline base image for devsecops-app as a docker-archive tarball that Jib reads
# with `-Djib.from.image=tar://...`. Used by the offline build and the container smoke test only; the
# production base is the distroless Java 17 image pinned by digest in app/pom.xml.
#
# Contents: a jlink'd Java 17 runtime in /opt/java, only the glibc libraries it links against, the
# NSS files module, /etc/passwd and /etc/group with nonroot 65532, /tmp with mode 1777, and no shell
# or any other executable than java. Reproducible: every file has mtime 0, owner 0:0, entries are
# sorted and the config has no timestamps, so the same JDK gives the same digest.
#
# Usage: scripts/build-base-image.sh OUTPUT.tar
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

out="${1:?usage: build-base-image.sh OUTPUT.tar}"
# Debian's OpenJDK 17, else the JDK 17 that the ubuntu-24.04 runner image exports as JAVA_HOME_17_X64
# (scripts/runner-images/ubuntu-24.04.txt); BASE_JDK_HOME overrides both.
java_home="${BASE_JDK_HOME:-}"
if [ -z "$java_home" ]; then
  java_home=/usr/lib/jvm/java-17-openjdk-amd64
  if [ ! -f "$java_home/jmods/java.base.jmod" ] && [ -f "${JAVA_HOME_17_X64:-/nonexistent}/jmods/java.base.jmod" ]; then
    java_home="$JAVA_HOME_17_X64"
  fi
fi
modules="java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,jdk.crypto.ec,jdk.unsupported,java.xml,jdk.management,java.instrument,jdk.zipfs,jdk.jfr"

if [ ! -f "$java_home/jmods/java.base.jmod" ]; then
  fail "no jmods in $java_home: install openjdk-17-jdk-headless (or set BASE_JDK_HOME)"
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"

TOOL_TIMEOUT=300 run_tool "$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"
# Only the launcher: no keytool, jfr or other executables in the image.
find "$root/opt/java/bin" -type f ! -name java -delete
# Debian's JDK links cacerts into /etc/ssl; the runtime gets a real copy.
if [ -L "$root/opt/java/lib/security/cacerts" ]; then
  cp --remove-destination "$(readlink -f "$java_home/lib/security/cacerts")" "$root/opt/java/lib/security/cacerts"
fi

# The glibc libraries the runtime links against, at their canonical paths, plus NSS files so that
# uid 65532 resolves to a name.
mapfile -t libs < <(
  find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/java' \) -print0 |
    xargs -0 ldd 2>/dev/null | awk '/=> \// {print $3} /^\t\/lib/ {print $1}' | sort -u
)
# awk reads to the end: exiting at the first match would kill ldconfig with SIGPIPE, which
# pipefail turns into a failed build (exit 141), now and then.
nss="$(ldconfig -p | awk '/libnss_files.so.2 .*x86-64/ && !found {print $NF; found = 1}')"
for lib in "${libs[@]}" ${nss:+"$nss"}; do
  case "$lib" in "$root"/*) continue ;; esac
  real="$(readlink -f "$lib")"
  mkdir -p "$root$(dirname "$lib")"
  cp "$real" "$root$lib"
done
ld_so="$(ldd "$root/opt/java/bin/java" | awk '/ld-linux/ {print $1}')"
mkdir -p "$root$(dirname "$ld_so")"
cp "$(readlink -f "$ld_so")" "$root$ld_so"

mkdir -p "$root/etc" "$root/tmp" "$root/home/nonroot"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"

layer="$work/layer.tar"
tar -C "$root" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf "$layer" .
layer_sha="$(sha256sum "$layer" | cut -d' ' -f1)"

config="$work/config.json"
printf '{"architecture":"amd64","os":"linux","config":{"User":"65532:65532","Env":["PATH=/opt/java/bin","JAVA_HOME=/opt/java"],"WorkingDir":"/home/nonroot"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"scripts/build-base-image.sh"}]}' \
  "$layer_sha" >"$config"
config_sha="$(sha256sum "$config" | cut -d' ' -f1)"

archive="$work/archive"
mkdir -p "$archive"
mv "$layer" "$archive/$layer_sha.tar"
mv "$config" "$archive/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":["devsecops-base:local"],"Layers":["%s.tar"]}]' "$config_sha" "$layer_sha" >"$archive/manifest.json"
mkdir -p "$(dirname "$out")"
# Entries without a leading ./ (Jib refuses paths that could escape its extraction directory).
tar -C "$archive" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out" \
  manifest.json "$config_sha.json" "$layer_sha.tar"
log "base image: $out (config sha256:$config_sha, $(du -h "$out" | cut -f1))"
