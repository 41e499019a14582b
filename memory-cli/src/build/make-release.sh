#!/bin/sh
# Makes the release archive from the distribution: target/agent-memory-<version>-<os>-<arch>.tar.gz
# (.zip on Windows) holding bin/, lib/ (the jars and this platform's native libraries), runtime/ (a
# Java runtime linked by jlink with only the modules the jars use, and its own class-data archive),
# install.sh and VERSION; then the Homebrew formula and the Scoop manifest for it
# (package-manifests.sh). The application's class-data archives are not in it: they only map for
# the jar paths they were recorded with, so install.sh records them where it installs.
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
  MINGW*|MSYS*|CYGWIN*) platform=windows-x64 ;; # Git Bash on a Windows build machine (untested)
  *) platform="$(uname -s)-$(uname -m)" ;;
esac
name="agent-memory-$version-$platform"
stage="$target/release/$name"
rm -rf "$target/release" "$target"/agent-memory-*.tar.gz "$target"/agent-memory-*.zip
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
if [ "$platform" = windows-x64 ]; then
  archive="$target/$name.zip"
  (cd "$target/release" && powershell -NoProfile -Command "Compress-Archive -Path '$name' -DestinationPath '../$name.zip'")
else
  archive="$target/$name.tar.gz"
  tar -C "$target/release" -czf "$archive" "$name"
fi
rm -rf "$target/release"
echo "Made the release archive $archive ($(du -k "$archive" | cut -f1) KB; runtime modules: $modules)"
sh "$(dirname "$0")/package-manifests.sh" "$version" "$target" "$target"
