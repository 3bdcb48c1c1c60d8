"""A browser reads a cross-origin 500: headless Chromium opens a page on one origin (http://localhost:P/page) and
makes credentialed fetches (`credentials: "include"`) to another (http://127.0.0.1:P, the same twin server, so a
different host and therefore a different origin), through the `cors-browser` configuration (origins matching
`http://localhost:[0-9]+`, credentials allowed).

Checked: the page reads the 200 of /cors-browser/r and the **500** of /cors-browser/boom from Apus. The same two
fetches against the Starlette twin are the control: the 200 is readable there too, and the 500 is not (the fetch
fails with a TypeError, because Starlette's 500 carries no CORS headers) — so the check can fail, and fails where
FastAPI users see it fail. Drives Chromium over the DevTools protocol (websocket-client), as
Tests/OpenAPI/swagger_ui_check.py does, with its client.

Usage: python cors_500_chromium.py --apus-port P --starlette-port Q [--chromium chromium]
"""

import argparse
import json
import os
import shutil
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "OpenAPI"))
from swagger_ui_check import headless_chromium  # noqa: E402  (the one Chromium driver of the browser checks)

FETCH = """
(async () => {
  const results = {};
  for (const [name, url] of Object.entries(%s)) {
    try {
      const response = await fetch(url, {credentials: "include"});
      results[name] = {status: response.status, body: await response.text()};
    } catch (error) {
      results[name] = {error: String(error)};
    }
  }
  return JSON.stringify(results);
})()
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apus-port", type=int, required=True)
    parser.add_argument("--starlette-port", type=int, required=True)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    arguments = parser.parse_args()

    page = f"http://localhost:{arguments.apus_port}/page"
    urls = {
        "apus 200": f"http://127.0.0.1:{arguments.apus_port}/cors-browser/r",
        "apus 500": f"http://127.0.0.1:{arguments.apus_port}/cors-browser/boom",
        "starlette 200": f"http://127.0.0.1:{arguments.starlette_port}/cors-browser/r",
        "starlette 500": f"http://127.0.0.1:{arguments.starlette_port}/cors-browser/boom",
    }
    debugging_port = free_port()
    with headless_chromium(arguments.chromium, debugging_port) as tools:
        tools.call("Page.navigate", url=page)
        deadline = time.time() + 30
        while tools.evaluate("document.readyState + ' ' + location.href") != f"complete {page}":
            if time.time() > deadline:
                raise TimeoutError("the page did not load")
            time.sleep(0.2)
        results = json.loads(tools.evaluate(FETCH % json.dumps(urls)))
        for name, result in results.items():
            print(f"page on {page} fetched {name} ({urls[name]}): {result}")
        expected = {
            "apus 200": lambda r: r.get("status") == 200 and r.get("body") == "ok",
            "apus 500": lambda r: r.get("status") == 500 and r.get("body") == "Internal Server Error",
            "starlette 200": lambda r: r.get("status") == 200,
            "starlette 500": lambda r: "error" in r,
        }
        failed = [name for name, check in expected.items() if not check(results.get(name, {}))]
        if failed:
            print(f"FAIL: {failed}")
            return 1
        print("chromium: the page reads Apus's cross-origin 500 (status 500, body shown); Starlette's is blocked")
        return 0


if __name__ == "__main__":
    sys.exit(main())
