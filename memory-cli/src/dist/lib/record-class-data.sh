#!/bin/sh
# Records the class-data archives bin/memory-daemon hands the JVM, for this installation:
# lib/daemon.jsa (the daemon starts once in a sandbox, clean environment, temp home, port 0, and
# stops as soon as it serves), lib/cli.jsa (the common client commands run once against a daemon
# started there) and lib/hook.jsa (the hook on a sample payload). An archive only maps for the Java
# runtime and the jar paths it was recorded with, so the build runs this for its distribution and
# install.sh again where it installs a release. The archives only speed up start-up: a failure
# warns and exits 0.
# Usage: lib/record-class-data.sh [WORK_DIR]   (WORK_DIR: an empty directory for the sandbox)
dist=$(cd -P "$(dirname "$0")/.." && pwd)
sandbox=${1:-$(mktemp -d)}
mkdir -p "$sandbox"
rm -f "$dist/lib/daemon.jsa" "$dist/lib/cli.jsa" "$dist/lib/hook.jsa"
# the runtime bin/memory-daemon picks: the release's own, else JAVA_HOME, else the PATH's
if [ -x "$dist/runtime/bin/java" ]; then
  java_cmd="$dist/runtime/bin/java"
elif [ -n "${JAVA_HOME:-}" ]; then
  java_cmd="$JAVA_HOME/bin/java"
else
  java_cmd=java
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
    && "$java_cmd" -Xshare:dump -XX:SharedClassListFile="$sandbox/cli.classlist" \
    -XX:SharedArchiveFile="$dist/lib/cli.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$(cd -P "$dist" && pwd)/lib/*" \
    >> "$sandbox/cli.txt" 2>&1 && [ -f "$dist/lib/cli.jsa" ]; then
  echo "Recorded the class-data archive $dist/lib/cli.jsa"
else
  echo "WARNING: could not record the CLI's class-data archive (commands start without it, slower):"
  cat "$sandbox/cli.txt"
fi
# the hook's class path in the launcher's order: an archive only maps for the same one
for jar in "$dist"/lib/memory-hook-*.jar; do hook_cp=$jar; done
for jar in "$dist"/lib/memory-event-*.jar; do hook_cp="$hook_cp:$jar"; done
for jar in "$dist"/lib/jackson-core-*.jar; do hook_cp="$hook_cp:$jar"; done
if sandboxed "$java_cmd" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$dist/lib/hook.jsa" \
    -Xlog:disable -Xlog:all=off -cp "$hook_cp" dev.agentmemory.hook.HookMain --warm-up > "$sandbox/hook.txt" 2>&1 \
    && [ -f "$dist/lib/hook.jsa" ]; then
  echo "Recorded the class-data archive $dist/lib/hook.jsa"
else
  echo "WARNING: could not record the hook's class-data archive (the hook starts without it, slower):"
  cat "$sandbox/hook.txt"
fi
# the launcher runs with umask 077 (the memory is private); the archives are not, and every user of
# a shared installation maps them
chmod a+r "$dist"/lib/*.jsa 2> /dev/null
sandboxed "$dist/bin/memory-daemon" stop > /dev/null 2>&1
rm -rf "$sandbox/db"
exit 0
