"""Opens the example service's Swagger UI in headless Chromium and uses it as a person would.

Checks that the page lists every operation of the document, then expands GET /items/{item_id}, presses
"Try it out", types 5 as item_id, presses "Execute" and waits for the live response: status 200 and the item's JSON
shown in the page. Then presses Authorize, logs in with the OAuth2 password flow (alice, scope items:read), and does
"Try it out" on the protected GET /users/me/items: status 200 with alice's items. Drives Chromium over the DevTools protocol (websocket-client); Swagger UI's assets must be
served locally (see run_proofs.sh), so nothing is fetched from the internet.

Usage: python swagger_ui_check.py --base http://127.0.0.1:8000 [--chromium chromium]
"""

import argparse
import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket


class DevTools:
    def __init__(self, url):
        self.socket = websocket.create_connection(url, timeout=30)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, what, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.25)
        raise TimeoutError(f"timed out waiting for {what}")


@contextlib.contextmanager
def headless_chromium(chromium, port):
    """Headless Chromium with its DevTools on `port`: yields a session on its first page, stops it afterwards."""
    profile = tempfile.mkdtemp(prefix="apus-chromium-")
    browser = subprocess.Popen(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        target = None
        for _ in range(150):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                target = next(t for t in targets if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.2)
        if target is None:
            raise RuntimeError("Chromium did not open its DevTools port")
        tools = DevTools(target["webSocketDebuggerUrl"])
        tools.call("Page.enable")
        yield tools
    finally:
        browser.terminate()
        browser.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--port", type=int, default=9333)
    arguments = parser.parse_args()

    document = json.load(urllib.request.urlopen(arguments.base + "/openapi.json"))
    expected = sorted(f"{m.upper()} {p}" for p, item in document["paths"].items() for m in item)

    with headless_chromium(arguments.chromium, arguments.port) as tools:
        tools.call("Page.navigate", url=arguments.base + "/docs")

        tools.wait_for("document.querySelectorAll('.opblock').length > 0", "the operations to render")
        listed = tools.evaluate(
            "[...document.querySelectorAll('.opblock')].map(b => "
            "b.querySelector('.opblock-summary-method').textContent + ' ' + "
            "b.querySelector('.opblock-summary-path').getAttribute('data-path'))"
        )
        # An operation with several tags is listed once per tag.
        listed = sorted(set(listed))
        print(f"Swagger UI lists {len(listed)} operations: {listed}")
        if listed != expected:
            print(f"FAIL: the document has {expected}")
            return 1

        block = tools.evaluate(
            "[...document.querySelectorAll('.opblock')].find(b => "
            "b.querySelector('.opblock-summary-method').textContent === 'GET' && "
            "b.querySelector('.opblock-summary-path').getAttribute('data-path') === '/items/{item_id}').id"
        )
        block_js = json.dumps(block)
        tools.evaluate(f"document.getElementById({block_js}).querySelector('button.opblock-summary-control').click()")
        tools.wait_for(f"!!document.getElementById({block_js}).querySelector('.try-out__btn')", "the Try it out button")
        tools.evaluate(f"document.getElementById({block_js}).querySelector('.try-out__btn').click()")
        tools.wait_for(f"!!document.getElementById({block_js}).querySelector('tr[data-param-name=\"item_id\"] input')", "the item_id field")
        # Typed as a person would (React ignores a value set from script).
        tools.evaluate(f"document.getElementById({block_js}).querySelector('tr[data-param-name=\"item_id\"] input').focus()")
        tools.call("Input.insertText", text="5")
        tools.wait_for(
            f"document.getElementById({block_js}).querySelector('tr[data-param-name=\"item_id\"] input').value === '5'", "the typed id"
        )
        # Leaving the field commits the value, as clicking elsewhere does in a person's browser.
        tools.evaluate(f"document.getElementById({block_js}).querySelector('tr[data-param-name=\"item_id\"] input').blur()")
        tools.evaluate(f"document.getElementById({block_js}).querySelector('.execute').click()")
        status = tools.wait_for(
            f"(() => {{ const c = document.getElementById({block_js}).querySelector('.live-responses-table .response .response-col_status');"
            " return c ? c.textContent.trim() : null; })()",
            "the live response",
        )
        body = tools.evaluate(
            f"(() => {{ const b = document.getElementById({block_js}).querySelector('.live-responses-table .response-col_description pre');"
            " return b ? b.textContent : ''; })()"
        )
        print(f"Try it out on GET /items/{{item_id}} with item_id=5: status {status!r}, body shown: {body.strip()!r}")
        if status != "200" or "Sample Item" not in body:
            print("FAIL: expected a 200 with the item in the page")
            return 1
        return authorize_and_call(tools)


def type_into(tools, selector, text):
    """Types `text` into the input `selector` as a person would (React ignores values set from script)."""
    selector_js = json.dumps(selector)
    tools.wait_for(f"!!document.querySelector({selector_js})", f"the field {selector}")
    tools.evaluate(f"document.querySelector({selector_js}).focus()")
    tools.call("Input.insertText", text=text)
    tools.wait_for(f"document.querySelector({selector_js}).value === {json.dumps(text)}", f"the text in {selector}")
    tools.evaluate(f"document.querySelector({selector_js}).blur()")


def authorize_and_call(tools):
    """Authorize with the OAuth2 password flow (alice, scope items:read), then Try it out on GET /users/me/items."""
    tools.evaluate("document.querySelector('.auth-wrapper .authorize').click()")
    type_into(tools, ".modal-ux #oauth_username", "alice")
    type_into(tools, ".modal-ux #oauth_password", "alice-secret")
    tools.wait_for("!!document.querySelector('.modal-ux input[data-value=\"items:read\"]')", "the items:read scope")
    tools.evaluate("document.querySelector('.modal-ux input[data-value=\"items:read\"]').click()")
    tools.evaluate("[...document.querySelectorAll('.modal-ux button.authorize')].find(b => b.textContent.trim() === 'Authorize').click()")
    tools.wait_for(
        "[...document.querySelectorAll('.modal-ux button')].some(b => b.textContent.trim() === 'Logout')", "the token (a Logout button)"
    )
    tools.evaluate("document.querySelector('.modal-ux .btn-done').click()")
    print("Authorize with the password flow as alice (scope items:read): Swagger UI got a token")

    block = tools.evaluate(
        "[...document.querySelectorAll('.opblock')].find(b => "
        "b.querySelector('.opblock-summary-method').textContent === 'GET' && "
        "b.querySelector('.opblock-summary-path').getAttribute('data-path') === '/users/me/items').id"
    )
    block_js = json.dumps(block)
    tools.evaluate(f"document.getElementById({block_js}).querySelector('button.opblock-summary-control').click()")
    tools.wait_for(f"!!document.getElementById({block_js}).querySelector('.try-out__btn')", "the Try it out button")
    tools.evaluate(f"document.getElementById({block_js}).querySelector('.try-out__btn').click()")
    tools.wait_for(f"!!document.getElementById({block_js}).querySelector('.execute')", "the Execute button")
    tools.evaluate(f"document.getElementById({block_js}).querySelector('.execute').click()")
    status = tools.wait_for(
        f"(() => {{ const c = document.getElementById({block_js}).querySelector('.live-responses-table .response .response-col_status');"
        " return c ? c.textContent.trim() : null; })()",
        "the live response",
    )
    body = tools.evaluate(
        f"(() => {{ const b = document.getElementById({block_js}).querySelector('.live-responses-table .response-col_description pre');"
        " return b ? b.textContent : ''; })()"
    )
    print(f"Try it out on GET /users/me/items with the token: status {status!r}, body shown: {' '.join(body.split())!r}")
    if status != "200" or "Lamp" not in body or "Chair" in body:
        print("FAIL: expected a 200 with alice's items (and not bob's) in the page")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
