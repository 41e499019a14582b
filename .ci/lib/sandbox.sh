# Sourced by the CI checks that drive real agent CLIs: a sandboxed home (HOME and every XDG
# directory in a new temp dir, $sandbox), a fake model API on a free loopback port ($port, its
# process $fake, each request logged to $sandbox/requests.log), and what a project captured.
sandbox=$(mktemp -d)
export HOME="$sandbox/home" XDG_RUNTIME_DIR="$sandbox/run" XDG_STATE_HOME="$sandbox/state" \
  XDG_CONFIG_HOME="$sandbox/config" XDG_DATA_HOME="$sandbox/data" XDG_CACHE_HOME="$sandbox/cache" \
  MEMORY_SEARCH_VECTORS=false
unset MEMORY_PROJECT
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# At exit: the daemon of the check's $launcher stopped (set it, before or after sourcing this), the
# fake model API ($fake) and any other background process of the check ($driver) killed, the
# sandbox removed.
cleanup() {
  if [ -n "${launcher:-}" ]; then "$launcher" stop >/dev/null 2>&1 || true; fi
  kill ${fake:-} ${driver:-} 2>/dev/null || true
  rm -rf "$sandbox"
}
trap cleanup EXIT

# free_port: a loopback port nothing listens on
free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# start_fake SCRIPT ANSWER: runs the fake model API SCRIPT (node) with the answer it gives about the ledger
start_fake() {
  port=$(free_port)
  node "$1" "$port" "$sandbox/requests.log" "$2" &
  fake=$!
}

# await_events LAUNCHER PROJECT_DIR TEXT: waits (60 s at most) until the project's events hold TEXT;
# then $events is the project's events as JSON, and `count PATTERN` counts matches in them
await_events() {
  for _ in $(seq 1 60); do
    (cd "$2" && "$1" query events --json --limit 1000) 2>/dev/null | grep -q "$3" && break
    sleep 1
  done
  events=$(cd "$2" && "$1" query events --json --limit 1000)
}
count() { echo "$events" | grep -o "$1" | wc -l; }
