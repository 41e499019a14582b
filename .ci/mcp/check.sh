#!/usr/bin/env bash
# CI only, after `./mvnw verify` built the distribution: the official TypeScript MCP client and
# the MCP conformance suite against `memory-daemon mcp`, in a sandbox (temp HOME and XDG dirs, a
# daemon on a free loopback port, keyword search only to keep it quick).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
launcher="$here/../../memory-cli/target/memory-daemon/bin/memory-daemon"
sandbox=$(mktemp -d)
export HOME="$sandbox/home" XDG_RUNTIME_DIR="$sandbox/run" XDG_STATE_HOME="$sandbox/state" \
  XDG_CONFIG_HOME="$sandbox/config" XDG_DATA_HOME="$sandbox/data" MEMORY_SEARCH_VECTORS=false
unset MEMORY_PROJECT
mkdir -p "$HOME" "$sandbox/ledger/.git"
cleanup() { "$launcher" stop >/dev/null 2>&1 || true; kill "${bridge:-}" 2>/dev/null || true; rm -rf "$sandbox"; }
trap cleanup EXIT

(cd "$here" && npm ci --no-audit --no-fund --silent)
"$launcher" start --port 0 --db-path "$sandbox/db" >/dev/null
for payload in \
  '{"session_id":"ci-1","hook_event_name":"UserPromptSubmit","prompt":"Why does the ledger export drop the quarantined entries?"}' \
  '{"session_id":"ci-1","hook_event_name":"Stop","last_assistant_message":"The exporter filtered quarantined rows in LedgerExport.filter; now they are kept."}'; do
  echo "${payload%\}},\"cwd\":\"$sandbox/ledger\"}" | "$launcher" hook
done
for _ in $(seq 1 60); do
  if (cd "$sandbox/ledger" && "$launcher" search quarantined --project . --mode bm25 --json 2>/dev/null | grep -q LedgerExport); then
    break
  fi
  sleep 1
done

node "$here/client.mjs" "$launcher" "$sandbox/ledger" quarantined LedgerExport

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
(cd "$sandbox/ledger" && exec node "$here/bridge.mjs" "$launcher" "$port") &
bridge=$!
sleep 2
for scenario in server-initialize ping tools-list logging-set-level; do
  result=$(cd "$sandbox" && npx --prefix "$here" conformance server --url "http://127.0.0.1:$port/mcp" --scenario "$scenario" 2>&1) || true
  echo "$result"
  echo "$result" | grep -q "Passed: 1/1, 0 failed" || { echo "MCP conformance scenario $scenario failed" >&2; exit 1; }
done
echo "MCP conformance: server-initialize, ping, tools-list, logging-set-level passed"
