#!/bin/sh
# Installs agent-memory from this unpacked release: no network, no Java needed (the release brings
# its own runtime). Safe to run again, and to upgrade: the memory (store, spool, configuration) is
# never touched, a running daemon is stopped and started again on the new version, and what
# `hooks install` registered keeps working (it points at app/current, which moves to the new one).
#
#   sh install.sh                 install or upgrade
#   sh install.sh --uninstall     remove the program and what `hooks install` registered; keep the memory
#   sh install.sh --uninstall --purge   ... and delete the memory too
#
# Where: $AGENT_MEMORY_HOME (default $XDG_DATA_HOME/agent-memory, i.e. ~/.local/share/agent-memory)
# holds app/<version>/ and app/current; the command is linked as $AGENT_MEMORY_BIN/memory-daemon
# (default ~/.local/bin).
set -eu
umask 077
here=$(cd -P "$(dirname "$0")" && pwd)
home=${AGENT_MEMORY_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/agent-memory}
apps="$home/app"
bin_dir=${AGENT_MEMORY_BIN:-$HOME/.local/bin}
command_link="$bin_dir/memory-daemon"
current="$apps/current/bin/memory-daemon"

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

daemon_running() {
  [ -x "$current" ] && "$current" status > /dev/null 2>&1
}

uninstall() {
  purge=$1
  if [ -x "$current" ]; then
    if daemon_running; then
      "$current" stop
    fi
    # registrations point at app/current: take them out before it goes, or every agent's hook fails
    "$current" hooks uninstall --all-agents > /dev/null 2>&1 \
      || echo "Could not remove the agents' hooks: run 'memory-daemon hooks uninstall --all-agents' with an installed version." >&2
  fi
  if [ -h "$command_link" ]; then
    case "$(readlink "$command_link")" in "$apps"/*) rm -f "$command_link" ;; esac
  fi
  rm -rf "$apps"
  if [ "$purge" = yes ]; then
    rm -rf "$home"
    echo "Removed agent-memory and its memory ($home)."
  else
    echo "Removed agent-memory. The memory is kept in $home (delete it, or run install.sh --uninstall --purge)."
  fi
}

case "${1:-}" in
  --uninstall)
    case "${2:-}" in
      "") uninstall no ;;
      --purge) uninstall yes ;;
      *) fail "unknown option '$2' (--uninstall takes --purge)" ;;
    esac
    exit 0 ;;
  -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
  "") ;;
  *) fail "unknown option '$1' (run: sh install.sh --help)" ;;
esac

[ -f "$here/VERSION" ] && [ -x "$here/runtime/bin/java" ] && [ -x "$here/bin/memory-daemon" ] \
  || fail "$here is not an unpacked release (VERSION, bin/, lib/, runtime/ expected)"
version=$(cat "$here/VERSION")
target="$apps/$version"
start=$(date +%s)

mkdir -p "$apps" "$bin_dir"
previous=""
if [ -h "$apps/current" ]; then
  previous=$(readlink "$apps/current")
fi
was_running=no
if daemon_running; then
  was_running=yes
fi
if [ "$here" != "$target" ]; then
  rm -rf "$apps/.$version.new"
  mkdir -p "$apps/.$version.new"
  cp -R "$here/bin" "$here/lib" "$here/runtime" "$here/VERSION" "$here/install.sh" "$apps/.$version.new/"
  if [ "$previous" = "$version" ] && [ "$was_running" = yes ]; then
    "$current" stop # the version in use is installed again
  fi
  rm -rf "$target"
  mv "$apps/.$version.new" "$target"
fi
# class-data archives only map for the jar paths they were recorded with: recorded here, in place
echo "Recording start-up archives for $target (once per install)..."
work=$(mktemp -d)
if sh "$target/lib/record-class-data.sh" "$work/sandbox" > "$work/record.txt" 2>&1 && ! grep -q "^WARNING" "$work/record.txt"; then
  rm -rf "$work"
else
  echo "(some could not be recorded, so start-up is slower: $work/record.txt says why)"
fi

if [ "$was_running" = yes ] && [ "$previous" != "$version" ]; then
  "$current" stop
fi
ln -sfn "$version" "$apps/current"
ln -sfn "$current" "$command_link"
# keep the version before this one (to go back to by hand), remove older ones
for dir in "$apps"/*; do
  name=${dir##*/}
  if [ -d "$dir" ] && [ ! -h "$dir" ] && [ "$name" != "$version" ] && [ "$name" != "$previous" ]; then
    rm -rf "$dir"
  fi
done
if [ "$was_running" = yes ]; then
  "$command_link" start
fi

echo "Installed agent-memory $version in $target ($(($(date +%s) - start)) s)."
[ -n "$previous" ] && [ "$previous" != "$version" ] && echo "Upgraded from $previous; the memory in $home is untouched."
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "Add $bin_dir to your PATH to type memory-daemon (or run $command_link)." ;;
esac
if [ -z "$previous" ]; then
  echo "Next: memory-daemon start, then memory-daemon hooks install (Claude Code; --agent codex, gemini, ...)."
fi
