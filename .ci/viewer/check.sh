#!/usr/bin/env bash
# CI only, after `./mvnw verify` built the distribution: the web viewer in a real headless
# Chromium (Debian's package, installed here when missing). A captured prompt shows on the search
# page opened by a `?q=` link, every page renders, nothing is shown without the token, and the
# browser's network log holds no request that leaves loopback; forgetting a session through the
# form, driven by WebDriver (chromium-driver), removes it. Screenshots of every page go to
# memory-cli/target/viewer-screenshots/ (kept as artifacts).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
launcher="$repo/memory-cli/target/memory-daemon/bin/memory-daemon"
shots="$repo/memory-cli/target/viewer-screenshots"
source "$here/../lib/sandbox.sh"
fail() { echo "Viewer check failed: $*" >&2; exit 1; }

if ! command -v chromium > /dev/null || ! command -v chromedriver > /dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver \
    > "$sandbox/apt.txt" 2>&1 || fail "could not install chromium: $(tail -5 "$sandbox/apt.txt")"
fi
# a browser with its own background traffic off, so its network log holds what the pages load
browse() { # browse MODE URL: MODE --dump-dom or --screenshot=FILE
  timeout 60 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$sandbox/chromium" \
    --disable-background-networking --disable-component-update --disable-sync --disable-default-apps \
    --no-first-run --no-default-browser-check --disable-features=OptimizationHints,MediaRouter,Translate \
    --log-net-log="$sandbox/netlog-$RANDOM.json" --window-size=1200,800 "$1" "$2" 2>/dev/null
}

project="$sandbox/ledger-service"
mkdir -p "$project" && git -C "$project" init -q
"$launcher" start --port 0 > /dev/null
prompt="Why does the ledger export skip quarantined rows"
echo '{"session_id":"s-viewer","hook_event_name":"UserPromptSubmit","cwd":"'"$project"'","prompt":"'"$prompt"'"}' \
  | (cd "$project" && "$launcher" hook)
await_events "$launcher" "$project" "quarantined rows"
for _ in $(seq 1 60); do
  (cd "$project" && "$launcher" search "ledger export quarantined") | grep -q "quarantined" && break
  sleep 1
done
address=$(cd "$project" && "$launcher" ui --no-browser)
base=${address%%\?*}
token=${address#*token=}
token=${token%%&*}

# a link with ?q= (and the token, as `ui` gives it) shows the captured prompt, its match marked
browse --dump-dom "${base}search?token=$token&project=ledger-service&q=ledger+export" > "$sandbox/search.html"
grep -q "quarantined rows" "$sandbox/search.html" || fail "the search page does not show the prompt: $(cat "$sandbox/search.html")"
grep -q "<mark>ledger</mark>" "$sandbox/search.html" || fail "the search page does not mark the match"
# without the token: nothing but the refusal
browse --dump-dom "${base}search?project=ledger-service&q=ledger+export" > "$sandbox/refused.html"
grep -q "quarantined" "$sandbox/refused.html" && fail "a page was shown without the token"
grep -q "Unauthorized" "$sandbox/refused.html" || fail "no refusal without the token: $(cat "$sandbox/refused.html")"

mkdir -p "$shots"
for page in "" timeline browse search sessions session next; do
  case "$page" in
    search) query="&q=ledger+export" ;;
    session) query="&id=s-viewer" ;;
    *) query="" ;;
  esac
  url="${base}${page}?token=$token&project=ledger-service$query"
  browse --dump-dom "$url" > "$sandbox/page.html"
  grep -q "agent-memory</title>" "$sandbox/page.html" || fail "page /$page did not render: $(head -c 500 "$sandbox/page.html")"
  browse --screenshot="$shots/${page:-health}.png" "$url" > /dev/null
  [ -s "$shots/${page:-health}.png" ] || fail "no screenshot of /$page"
done
grep -q "quarantined rows" <(browse --dump-dom "${base}session?token=$token&project=ledger-service&id=s-viewer") \
  || fail "the session page does not show the prompt"

# nothing the pages load leaves loopback: every request made for a page of the viewer (its
# site_for_cookies is the viewer's) goes to 127.0.0.1; the browser's own service traffic, which
# headless Chromium sends whatever the page, is told apart by its site
outside=$(python3 - "$sandbox"/netlog-*.json <<'PY'
import json, sys
for name in sys.argv[1:]:
    log = json.load(open(name))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    for event in log["events"]:
        params = event.get("params", {})
        if event["type"] == start and "127.0.0.1" in params.get("site_for_cookies", "") \
                and not params["url"].startswith("http://127.0.0.1:"):
            print(params["url"])
PY
)
[ -z "$outside" ] || fail "a page loaded from outside loopback: $outside"
loaded=$(cat "$sandbox"/netlog-*.json | grep -c '"url":"http://127.0.0.1:' || true)
[ "$loaded" -gt 0 ] || fail "the network logs show none of the viewer's requests: the check would prove nothing"
# forgetting as a person does it: the form filled and submitted in the browser (WebDriver)
driver_port=$(free_port)
chromedriver --port="$driver_port" > "$sandbox/chromedriver.txt" 2>&1 &
driver=$!
for _ in $(seq 1 50); do
  curl -s "http://127.0.0.1:$driver_port/status" > /dev/null 2>&1 && break
  sleep 0.2
done
python3 "$here/forget.py" "http://127.0.0.1:$driver_port" "$address" ledger-service s-viewer "ledger export" \
  "quarantined rows" || fail "forget in the browser"
echo "Viewer in headless $(chromium --version 2>/dev/null | head -1): pages, ?q= search, token, loopback-only passed; screenshots in $shots"
