#!/bin/sh
# Prepares the distribution's start-up: extracts the native libraries of RocksDB, onnxruntime, SQLite and Netty
# for this platform to lib/native (otherwise each writes its library to the temp dir at every start:
# 15 MB and about 130 ms for RocksDB) and removes every platform's natives from the copies of their
# jars in lib (the distribution shrinks from about 300 MB to about 60 MB), then records the
# class-data archives that bin/memory-daemon hands the JVM: lib/daemon.jsa (the packaged
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
  Linux-x86_64) rocksdb_native=librocksdbjni-linux64.so; onnx_native=ai/onnxruntime/native/linux-x64
    sqlite_native=org/sqlite/native/Linux/x86_64 netty_arch=x86_64 ;;
  Linux-aarch64) rocksdb_native=librocksdbjni-linux-aarch64.so; onnx_native=ai/onnxruntime/native/linux-aarch64
    sqlite_native=org/sqlite/native/Linux/aarch64 netty_arch=aarch_64 ;;
  *) rocksdb_native="" ;;
esac
# Extracts the named entries of a jar to lib/native and, when they are there and zip is installed,
# deletes every entry matching the pattern from the jar (the other platforms' copies included).
move_natives() {
  jar_file=$1; pattern=$2; shift 2
  (cd "$dist/lib/native" && jar xf "$jar_file" "$@") || return
  for entry in "$@"; do
    [ -f "$dist/lib/native/$entry" ] || return
    case "$entry" in */*) mv "$dist/lib/native/$entry" "$dist/lib/native/" ;; esac
  done
  if command -v zip > /dev/null; then
    zip -q -d "$jar_file" "$pattern" > /dev/null
  fi
}
if [ -n "$rocksdb_native" ] && command -v jar > /dev/null; then
  mkdir -p "$dist/lib/native"
  for rocksdb in "$dist"/lib/rocksdbjni-*.jar; do
    move_natives "$(cd -P "$dist/lib" && pwd)/${rocksdb##*/}" 'librocksdbjni-*' "$rocksdb_native"
  done
  for onnx in "$dist"/lib/onnxruntime-*.jar; do
    move_natives "$(cd -P "$dist/lib" && pwd)/${onnx##*/}" 'ai/onnxruntime/native/*' \
      "$onnx_native/libonnxruntime.so" "$onnx_native/libonnxruntime4j_jni.so"
  done
  # SQLite (only `admin import opencode` loads it): bin/memory-daemon names the file for sqlite-jdbc
  for sqlite in "$dist"/lib/sqlite-jdbc-*.jar; do
    move_natives "$(cd -P "$dist/lib" && pwd)/${sqlite##*/}" 'org/sqlite/native/*' "$sqlite_native/libsqlitejdbc.so"
  done
  # Netty's epoll transport (the daemon's Unix socket): Netty loads it from java.library.path
  # before it would write it to the temp dir; TLS's tcnative is never used, so it goes too
  for netty in "$dist"/lib/grpc-netty-shaded-*.jar; do
    move_natives "$(cd -P "$dist/lib" && pwd)/${netty##*/}" 'META-INF/native/*' \
      "META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_$netty_arch.so"
  done
  rm -rf "$dist/lib/native/ai" "$dist/lib/native/org" "$dist/lib/native/META-INF"
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
# the launcher runs with umask 077 (the memory is private); the archives are not, and every user of
# a shared installation maps them
chmod a+r "$dist"/lib/*.jsa 2> /dev/null
sandboxed "$dist/bin/memory-daemon" stop > /dev/null 2>&1
rm -rf "$sandbox/db"
