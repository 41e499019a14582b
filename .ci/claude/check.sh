#!/usr/bin/env bash
# CI only, after `./mvnw verify` built the distribution: the real Claude Code CLI (pinned in
# package.json) in a sandbox, offline against a fake Messages API on loopback (fake-messages.mjs),
# after `memory-daemon hooks install`. Checks that a headless session's prompt, tool call and answer
# are captured once, tagged claude; that `claude mcp list` shows our MCP server connected; and that
# the next session's model request carries the first session's decision (session-start memory).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
launcher="$here/../../memory-cli/target/memory-daemon/bin/memory-daemon"
source "$here/../lib/sandbox.sh"
export ANTHROPIC_API_KEY=fake DISABLE_TELEMETRY=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 \
  DISABLE_AUTOUPDATER=1 DISABLE_ERROR_REPORTING=1
decision="We decided to keep the ledger in Postgres and export it nightly as Parquet."
fail() { echo "Real Claude Code check failed: $*" >&2; exit 1; }

(cd "$here" && npm ci --no-audit --no-fund --silent)
claude="$here/node_modules/.bin/claude"
start_fake "$here/fake-messages.mjs" "$decision"
export ANTHROPIC_BASE_URL="http://127.0.0.1:$port"

project="$sandbox/ledger-service"
mkdir -p "$project" && git -C "$project" init -q
"$launcher" start --port 0 >/dev/null
"$launcher" hooks install >/dev/null

session() {
  (cd "$project" && "$claude" -p "$1" --output-format json --allowedTools "Bash(echo:*)") > "$sandbox/answer.json" \
    || fail "claude -p exited non-zero: $(cat "$sandbox/answer.json")"
}
session "What did we decide about the ledger?"
grep -q "keep the ledger in Postgres" "$sandbox/answer.json" || fail "the fake model's answer did not reach claude"
await_events "$launcher" "$project" "keep the ledger in Postgres"
[ "$(count 'What did we decide about the ledger?')" -eq 1 ] || fail "the prompt was not captured exactly once: $events"
[ "$(count 'echo ledger export checked')" -ge 1 ] || fail "the Bash tool call was not captured: $events"
[ "$(count 'keep the ledger in Postgres')" -eq 1 ] || fail "the answer was not captured exactly once: $events"
[ "$(count '"agent" *: *"claude"')" -eq "$(count '"event_id"')" ] || fail "not every event is tagged claude: $events"

mcp=$(cd "$project" && "$claude" mcp list 2>&1) || true
echo "$mcp" | grep -q "agent-memory.*Connected" || fail "claude mcp list does not show agent-memory connected: $mcp"

for _ in $(seq 1 60); do
  (cd "$project" && echo '{"session_id":"probe","hook_event_name":"SessionStart","source":"startup","cwd":"'"$project"'"}' \
    | "$launcher" hook) 2>/dev/null | grep -q "keep the ledger in Postgres" && break
  sleep 1
done
: > "$sandbox/requests.log"
session "Where were we?"
grep -q "keep the ledger in Postgres" "$sandbox/requests.log" \
  || fail "the second session's model request does not carry the first session's decision"
echo "Real Claude Code $("$claude" --version | head -1): capture, MCP and session-start memory passed"
