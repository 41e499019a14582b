#!/bin/sh
# Makes the release archive from the distribution: target/agent-memory-<version>-<os>-<arch>.tar.gz
# holding bin/, lib/ (the jars and this platform's native libraries), runtime/ (a Java runtime
# linked by jlink with only the modules the jars use, and its own class-data archive), install.sh
# and VERSION. The application's class-data archives are not in it: they only map for the jar paths
# they were recorded with, so install.sh records them where it installs.
# Usage: make-release.sh TARGET_DIR VERSION JDK_HOME
set -eu
target=$1
version=$2
jdk=$3
dist="$target/memory-daemon"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64) platform=linux-aarch64 ;;
  Darwin-arm64) platform=macos-aarch64 ;;
  Darwin-x86_64) platform=macos-x64 ;;
  *) platform="$(uname -s)-$(uname -m)" ;;
esac
name="agent-memory-$version-$platform"
stage="$target/release/$name"
rm -rf "$target/release" "$target"/agent-memory-*.tar.gz
mkdir -p "$stage"
cp -R "$dist/bin" "$dist/lib" "$stage/"
rm -f "$stage"/lib/*.jsa
cp "$(dirname "$0")/install.sh" "$stage/install.sh"
chmod 755 "$stage/install.sh"
printf '%s\n' "$version" > "$stage/VERSION"
# The modules the jars need (jdeps), and what they reach only by name at run time: TLS with elliptic
# curves for the LLM providers' HTTPS (jdk.crypto.ec), and jcmd for `jcmd PID` on the daemon.
modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps -q "$dist"/lib/*.jar)
"$jdk/bin/jlink" --add-modules "$modules,jdk.crypto.ec,jdk.jcmd" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --generate-cds-archive --output "$stage/runtime"
tar -C "$target/release" -czf "$target/$name.tar.gz" "$name"
rm -rf "$target/release"
echo "Made the release archive $target/$name.tar.gz ($(du -k "$target/$name.tar.gz" | cut -f1) KB; runtime modules: $modules)"
