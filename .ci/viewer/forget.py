"""Forgets a session in the viewer the way a person does, in a real Chromium driven over WebDriver
(chromedriver, Debian's chromium-driver): open the session's forget page, type "forget", press the
button; then the search page no longer finds it. Usage: forget.py DRIVER_URL ADDRESS PROJECT SESSION
QUERY TEXT, ADDRESS being what `memory-daemon ui --no-browser` prints."""
import json
import sys
import time
import urllib.parse
import urllib.request

driver, address, project, session, query, text = sys.argv[1:7]
base = address.split("?")[0]
token = urllib.parse.parse_qs(urllib.parse.urlparse(address).query)["token"][0]


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(driver + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}").get("value")


def fail(message):
    print("Viewer forget check failed: " + message, file=sys.stderr)
    sys.exit(1)


options = {"binary": "/usr/bin/chromium", "args": ["--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--no-first-run"]}
sid = call("POST", "/session", {"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}})["sessionId"]
try:
    def visit(path):
        call("POST", f"/session/{sid}/url", {"url": base + path})
        return call("GET", f"/session/{sid}/source")

    def element(css):
        found = call("POST", f"/session/{sid}/element", {"using": "css selector", "value": css})
        return list(found.values())[0]

    arguments = urllib.parse.urlencode({"token": token, "project": project, "session": session})
    page = visit("forget?" + arguments)
    if "Would forget session " + session not in page:
        fail("the forget page shows no preview: " + page[:500])
    call("POST", f"/session/{sid}/element/{element('input[name=confirm]')}/value", {"text": "forget"})
    call("POST", f"/session/{sid}/element/{element('form button')}/click", {})
    # the click returns before the form's POST has loaded its answer: wait for it
    deadline = time.time() + 20
    page = ""
    while time.time() < deadline and "<h1>Forgotten" not in page:
        time.sleep(0.2)
        page = call("GET", f"/session/{sid}/source")
    if "Forgot " not in page or "Audit:" not in page:
        fail("submitting the form did not forget: " + page[-800:])
    page = visit("search?" + urllib.parse.urlencode({"project": project, "q": query}))
    if text in page:
        fail("the forgotten prompt is still found")
finally:
    call("DELETE", f"/session/{sid}")
print("Forgot session " + session + " in the browser: the search no longer finds it")
