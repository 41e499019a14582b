#!/usr/bin/env bash
# CI only, after `./mvnw verify` made the release archive: this repository as a Claude Code plugin
# marketplace, with the real Claude Code CLI (pinned in package.json; check.sh ran `npm ci`),
# offline against the fake Messages API. `claude plugin validate` passes for the marketplace and the
# plugin; with the plugin installed and memory-daemon missing, a session still runs (the hook says
# how to install it and exits 0); with the release installed (install.sh, no java on the PATH it
# needs), a headless session is captured once, tagged claude, and `claude mcp list` shows the
# plugin's MCP server connected.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
archive=$(ls "$repo"/memory-cli/target/agent-memory-*.tar.gz)
source "$here/../lib/sandbox.sh"
export MEMORY_GRPC_PORT=0 ANTHROPIC_API_KEY=fake DISABLE_TELEMETRY=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 \
  DISABLE_AUTOUPDATER=1 DISABLE_ERROR_REPORTING=1
launcher="$HOME/.local/bin/memory-daemon" # the release install.sh puts there (below)
fail() { echo "Claude Code plugin check failed: $*" >&2; exit 1; }

claude="$here/node_modules/.bin/claude"
start_fake "$here/fake-messages.mjs" "The plugin remembers this."
export ANTHROPIC_BASE_URL="http://127.0.0.1:$port"

"$claude" plugin validate "$repo" > "$sandbox/validate.txt" 2>&1 || fail "marketplace: $(cat "$sandbox/validate.txt")"
"$claude" plugin validate "$repo/plugins/agent-memory" > "$sandbox/validate.txt" 2>&1 \
  || fail "plugin: $(cat "$sandbox/validate.txt")"
"$claude" plugin marketplace add "$repo" > /dev/null || fail "claude plugin marketplace add $repo"
"$claude" plugin install agent-memory@agent-memory > /dev/null || fail "claude plugin install agent-memory@agent-memory"

project="$sandbox/ledger-service"
mkdir -p "$project" && git -C "$project" init -q
session() {
  (cd "$project" && "$claude" -p "$1" --output-format json --allowedTools "Bash(echo:*)") > "$sandbox/answer.json" \
    2> "$sandbox/stderr.txt" || fail "claude -p exited non-zero: $(cat "$sandbox/answer.json" "$sandbox/stderr.txt")"
}

# memory-daemon not installed yet: the session runs all the same
session "What did we decide about the ledger?"
grep -q "The plugin remembers this" "$sandbox/answer.json" || fail "without memory-daemon the session did not run"

# the release installed as the docs say, then a session captured through the plugin's hooks
tar xzf "$archive" -C "$sandbox"
sh "$sandbox"/agent-memory-*/install.sh > "$sandbox/install.txt" || fail "install.sh: $(cat "$sandbox/install.txt")"
"$launcher" start > /dev/null
session "Which export format did we pick for the ledger?"
await_events "$launcher" "$project" "The plugin remembers this"
[ "$(count 'Which export format did we pick for the ledger?')" -eq 1 ] \
  || fail "the prompt was not captured exactly once: $events"
[ "$(count 'What did we decide about the ledger?')" -eq 0 ] || fail "a session before the install was captured: $events"
[ "$(count 'echo ledger export checked')" -ge 1 ] || fail "the Bash tool call was not captured: $events"
[ "$(count '"agent" *: *"claude"')" -eq "$(count '"event_id"')" ] || fail "not every event is tagged claude: $events"
mcp=$(cd "$project" && "$claude" mcp list 2>&1) || true
echo "$mcp" | grep -q "agent-memory.*Connected" || fail "claude mcp list does not show the plugin's server connected: $mcp"
echo "Claude Code plugin (real Claude Code $("$claude" --version | head -1)): validate, marketplace add, install, capture, MCP passed"
