#!/bin/sh
# Prepares the distribution's start-up: extracts RocksDB's native library for this platform to
# lib/native (otherwise RocksDB writes 15 MB to the temp dir at every start, about 130 ms), then
# records lib/daemon.jsa, the class-data archive that bin/memory-daemon hands the JVM: the packaged
# daemon starts once in a sandbox (clean environment, temp home, port 0), stops as soon as it
# serves, and the JVM writes the classes it loaded to the archive on exit. The archive only speeds
# up start-up, so a failure here warns and does not fail the build.
target="$1"
dist="$target/memory-daemon"
sandbox="$target/class-data-training"
rm -rf "$sandbox" "$dist/lib/daemon.jsa" "$dist/lib/native"
mkdir -p "$sandbox"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) native=librocksdbjni-linux64.so ;;
  Linux-aarch64) native=librocksdbjni-linux-aarch64.so ;;
  *) native="" ;;
esac
if [ -n "$native" ] && command -v jar > /dev/null; then
  mkdir -p "$dist/lib/native"
  for rocksdb in "$dist"/lib/rocksdbjni-*.jar; do
    (cd "$dist/lib/native" && jar xf "$rocksdb" "$native")
  done
fi
if env -i PATH="$PATH" JAVA_HOME="${JAVA_HOME:-}" HOME="$sandbox" XDG_RUNTIME_DIR="$sandbox/run" \
    XDG_STATE_HOME="$sandbox/state" XDG_CONFIG_HOME="$sandbox/config" XDG_DATA_HOME="$sandbox/data" \
    MEMORY_LOG_LEVEL=warn MEMORY_DAEMON_OPTS="-XX:ArchiveClassesAtExit=$dist/lib/daemon.jsa" \
    "$dist/bin/memory-daemon" start --foreground --port 0 --db-path "$sandbox/db" --exit-when-ready \
    > "$sandbox/output.txt" 2>&1 && [ -f "$dist/lib/daemon.jsa" ]; then
  echo "Recorded the class-data archive $dist/lib/daemon.jsa"
else
  echo "WARNING: could not record the class-data archive (the daemon starts without it, about a second slower):"
  cat "$sandbox/output.txt"
fi
rm -rf "$sandbox/db"
