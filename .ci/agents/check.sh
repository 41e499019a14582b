#!/usr/bin/env bash
# CI only, after `./mvnw verify` built the distribution: the real Codex CLI, Gemini CLI and OpenCode
# (pinned in package.json), each headless and offline against a fake model API on loopback
# (fake-models.mjs), after `memory-daemon hooks install --agent NAME`. For each: the session's
# prompt, tool call and answer are captured once and tagged with the agent; the agent's own MCP
# listing shows our server; and (Codex, Gemini: OpenCode has no hook for it) the next session's
# model request carries the first session's decision (session-start memory).
# Usage: check.sh [AGENT...] (default: codex gemini opencode).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
launcher="$here/../../memory-cli/target/memory-daemon/bin/memory-daemon"
agents=${*:-codex gemini opencode}
source "$here/../lib/sandbox.sh"
decision="We decided to keep the ledger in Postgres and export it nightly as Parquet."
fail() { echo "Real agent check failed ($agent): $*" >&2; exit 1; }

# npm install, not ci: the lock file misses the other platforms' optional binaries of opencode-ai, which ci refuses
(cd "$here" && npm install --no-audit --no-fund --silent)
bin="$here/node_modules/.bin"
start_fake "$here/fake-models.mjs" "$decision"
"$launcher" start --port 0 >/dev/null

# Each agent's own files point at the fake API; its session runs in the project's directory.
setup_codex() {
  export CODEX_HOME="${1:-$HOME/.codex}" FAKE_API_KEY=fake
  mkdir -p "$CODEX_HOME"
  cat > "$CODEX_HOME/config.toml" <<TOML
model = "gpt-fake"
model_provider = "fake"

[model_providers.fake]
name = "fake"
base_url = "http://127.0.0.1:$port/v1"
env_key = "FAKE_API_KEY"
wire_api = "responses"
TOML
}
session_codex() {
  "$bin/codex" exec --skip-git-repo-check --dangerously-bypass-approvals-and-sandbox --dangerously-bypass-hook-trust "$1"
}
mcp_codex() { "$bin/codex" mcp list; }
connected_codex() { grep -q "agent-memory.*enabled"; }

setup_gemini() {
  export GEMINI_API_KEY=fake GOOGLE_GEMINI_BASE_URL="http://127.0.0.1:$port" GEMINI_CLI_TRUST_WORKSPACE=true
  mkdir -p "$HOME/.gemini"
  echo '{"security":{"auth":{"selectedType":"gemini-api-key"}}}' > "$HOME/.gemini/settings.json"
}
session_gemini() { "$bin/gemini" -p "$1" --yolo; }
mcp_gemini() { "$bin/gemini" mcp list; }
connected_gemini() { grep -q "agent-memory.*Connected"; }

setup_opencode() {
  export OPENCODE_DISABLE_AUTOUPDATE=1
  mkdir -p "$XDG_CONFIG_HOME/opencode"
  cat > "$XDG_CONFIG_HOME/opencode/opencode.json" <<JSON
{"\$schema": "https://opencode.ai/config.json", "model": "fake/gpt-fake",
 "provider": {"fake": {"npm": "@ai-sdk/openai-compatible", "name": "fake",
   "options": {"baseURL": "http://127.0.0.1:$port/v1", "apiKey": "fake"},
   "models": {"gpt-fake": {"name": "gpt-fake"}}}}}
JSON
}
session_opencode() { "$bin/opencode" run "$1"; }
mcp_opencode() { "$bin/opencode" mcp list; }
connected_opencode() { grep -q "agent-memory.*connected"; }

for agent in $agents; do
  project="$sandbox/ledger-$agent"
  mkdir -p "$project" && git -C "$project" init -q
  "setup_$agent"
  "$launcher" hooks install --agent "$agent" > "$sandbox/install.txt" 2>&1 || fail "hooks install: $(cat "$sandbox/install.txt")"
  session() {
    (cd "$project" && "session_$agent" "$1") > "$sandbox/answer.txt" 2>&1 \
      || fail "the session exited non-zero: $(tail -20 "$sandbox/answer.txt")"
  }

  : > "$sandbox/requests.log"
  session "What did we decide about the ledger?"
  grep -q "keep the ledger in Postgres" "$sandbox/answer.txt" \
    || fail "the fake model's answer did not reach the agent: $(tail -20 "$sandbox/answer.txt")"
  await_events "$launcher" "$project" "keep the ledger in Postgres"
  [ "$(count 'What did we decide about the ledger?')" -eq 1 ] || fail "the prompt was not captured exactly once: $events"
  [ "$(count 'echo ledger export checked')" -ge 1 ] || fail "the shell tool call was not captured: $events"
  [ "$(count 'untrusted_context')" -eq 0 ] || fail "a tool's output kept the wrapper the agent adds for its model: $events"
  [ "$(count 'keep the ledger in Postgres')" -eq 1 ] || fail "the answer was not captured exactly once: $events"
  [ "$(count "\"agent\" *: *\"$agent\"")" -eq "$(count '"event_id"')" ] || fail "not every event is tagged $agent: $events"

  mcp=$(cd "$project" && "mcp_$agent" 2>&1) || true
  echo "$mcp" | "connected_$agent" || fail "its MCP listing does not show agent-memory connected: $mcp"

  # session-start memory: the project's memory holds the decision; does the next request carry it?
  for _ in $(seq 1 60); do
    grep -qs "keep the ledger in Postgres" "$XDG_DATA_HOME/agent-memory/context/ledger-$agent.md" && break
    sleep 1
  done
  : > "$sandbox/requests.log"
  session "Where were we?"
  if [ "$agent" = opencode ]; then
    carried="no session-start memory (OpenCode has no hook for it: docs/agents.md)"
  else
    grep -q "keep the ledger in Postgres" "$sandbox/requests.log" \
      || fail "the second session's model request does not carry the first session's decision"
    carried="session-start memory reached the next session"
  fi
  echo "Real $agent ($("$bin/$agent" --version 2>/dev/null | head -1)): capture and MCP passed; $carried"
done

# Codex CLI installs the Claude Code plugin of this repository's marketplace: its hooks (told they
# run under Codex) capture a session, tagged codex, with no `hooks install`
if [[ " $agents " == *" codex "* ]]; then
  agent=codex-plugin
  setup_codex "$HOME/.codex-plugin"
  export PATH="$(dirname "$launcher"):$PATH" # where the plugin's script finds memory-daemon
  "$bin/codex" plugin marketplace add "$here/../.." > "$sandbox/install.txt" 2>&1 || fail "$(cat "$sandbox/install.txt")"
  "$bin/codex" plugin add agent-memory@agent-memory > "$sandbox/install.txt" 2>&1 || fail "$(cat "$sandbox/install.txt")"
  project="$sandbox/ledger-codex-plugin"
  mkdir -p "$project" && git -C "$project" init -q
  (cd "$project" && session_codex "What did we decide about the ledger for the plugin?") > "$sandbox/answer.txt" 2>&1 \
    || fail "the session exited non-zero: $(tail -20 "$sandbox/answer.txt")"
  await_events "$launcher" "$project" "keep the ledger in Postgres"
  [ "$(count 'What did we decide about the ledger for the plugin?')" -eq 1 ] || fail "the prompt was not captured once: $events"
  [ "$(count '"agent" *: *"codex"')" -eq "$(count '"event_id"')" ] || fail "not every event is tagged codex: $events"
  echo "Real codex with the Claude Code plugin of this marketplace: capture passed (tagged codex)"
fi
