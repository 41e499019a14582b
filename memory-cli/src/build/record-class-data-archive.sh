#!/bin/sh
# Prepares the distribution's start-up: extracts the native libraries of RocksDB, onnxruntime, SQLite and Netty
# for this platform to lib/native (otherwise each writes its library to the temp dir at every start:
# 15 MB and about 130 ms for RocksDB) and removes every platform's natives from the copies of their
# jars in lib (the distribution shrinks from about 300 MB to about 60 MB), then records the
# class-data archives for it (lib/record-class-data.sh, which install.sh runs again where a release
# is installed: an archive only maps for the runtime and the jar paths it was recorded with).
target="$1"
dist="$target/memory-daemon"
sandbox="$target/class-data-training"
rm -rf "$sandbox" "$dist/lib/native"
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
sh "$dist/lib/record-class-data.sh" "$sandbox"
