#!/bin/sh
# Prepares the distribution's start-up: extracts RocksDB's native library for this platform to
# lib/native (otherwise RocksDB writes 15 MB to the temp dir at every start, about 130 ms), then
# records the class-data archives that bin/memory-daemon hands the JVM: lib/daemon.jsa (the packaged
# daemon starts once in a sandbox, clean environment, temp home, port 0, and stops as soon as it
# serves) and lib/cli.jsa (the common client commands run once against a daemon started there);
# each JVM writes the classes it loaded to its archive on exit. The archives only speed up
# start-up, so a failure here warns and does not fail the build.
target="$1"
dist="$target/memory-daemon"
sandbox="$target/class-data-training"
rm -rf "$sandbox" "$dist/lib/daemon.jsa" "$dist/lib/cli.jsa" "$dist/lib/native"
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
sandboxed() {
  env -i PATH="$PATH" JAVA_HOME="${JAVA_HOME:-}" HOME="$sandbox" XDG_RUNTIME_DIR="$sandbox/run" \
    XDG_STATE_HOME="$sandbox/state" XDG_CONFIG_HOME="$sandbox/config" XDG_DATA_HOME="$sandbox/data" \
    MEMORY_LOG_LEVEL=warn "$@"
}
if sandboxed MEMORY_DAEMON_OPTS="-XX:ArchiveClassesAtExit=$dist/lib/daemon.jsa" \
    "$dist/bin/memory-daemon" start --foreground --port 0 --db-path "$sandbox/db" --exit-when-ready \
    > "$sandbox/output.txt" 2>&1 && [ -f "$dist/lib/daemon.jsa" ]; then
  echo "Recorded the class-data archive $dist/lib/daemon.jsa"
else
  echo "WARNING: could not record the class-data archive (the daemon starts without it, about a second slower):"
  cat "$sandbox/output.txt"
fi
# The CLI's archive is a static one (a class list, then -Xshare:dump): unlike a dynamic archive it
# can hold picocli, whose classes are compiled for Java 5, and picocli is a third of a command's time.
if sandboxed "$dist/bin/memory-daemon" start --port 0 --db-path "$sandbox/db" > "$sandbox/cli.txt" 2>&1 \
    && sandboxed MEMORY_DAEMON_OPTS="-XX:DumpLoadedClassList=$sandbox/cli.classlist" "$dist/bin/memory-daemon" warm-up \
    >> "$sandbox/cli.txt" 2>&1 \
    && "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xshare:dump -XX:SharedClassListFile="$sandbox/cli.classlist" \
    -XX:SharedArchiveFile="$dist/lib/cli.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$(cd -P "$dist" && pwd)/lib/*" \
    >> "$sandbox/cli.txt" 2>&1 && [ -f "$dist/lib/cli.jsa" ]; then
  echo "Recorded the class-data archive $dist/lib/cli.jsa"
else
  echo "WARNING: could not record the CLI's class-data archive (commands start without it, slower):"
  cat "$sandbox/cli.txt"
fi
sandboxed "$dist/bin/memory-daemon" stop > /dev/null 2>&1
rm -rf "$sandbox/db"
