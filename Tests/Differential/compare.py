"""Differential test: the Swift example service against its FastAPI twin.

Starts both servers, sends each request in CASES to both, and compares status, content type and JSON body.
Differences listed in KNOWN_DIFFERENCES (and in the README's "Differences from FastAPI") are reported but do not
fail the run; any other difference does.

Usage: python compare.py --swift-binary .build/debug/apus-example [--python python3]
"""

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import time

import jwt

HERE = os.path.dirname(os.path.abspath(__file__))

JSON = {"Content-Type": "application/json"}
# Bearer tokens, filled in at run time from the Apus example's POST /token (both servers share the HS256 secret).
ALICE = {"Authorization": "{alice}"}
ALICE_NO_SCOPE = {"Authorization": "{alice_no_scope}"}
BOB = {"Authorization": "{bob}"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SECRET = "differential-test-secret-of-32-bytes-or-more"

# (name, method, path, headers, body bytes or None)
CASES = [
    ("root", "GET", "/", {}, None),
    ("health", "GET", "/health", {}, None),
    ("unknown path", "GET", "/nope", {}, None),
    ("wrong method", "DELETE", "/health", {}, None),
    ("item ok", "GET", "/items/5", {}, None),
    ("item with q", "GET", "/items/5?q=hello", {}, None),
    ("item empty q", "GET", "/items/5?q=", {}, None),
    ("item lax int", "GET", "/items/+7", {}, None),
    ("item not found", "GET", "/items/101", {}, None),
    ("item bad id", "GET", "/items/abc", {}, None),
    ("item float id", "GET", "/items/1.5", {}, None),
    ("chat stream", "GET", "/chat", {}, None),
    ("item page bad id", "GET", "/items/abc/page", {}, None),
    ("create item", "POST", "/items/", JSON, b'{"name":"Widget","price":9.5}'),
    ("create item full", "POST", "/items/", JSON, b'{"name":"W","price":1,"tags":["a","b"],"description":"d"}'),
    ("create item string price", "POST", "/items/", JSON, b'{"name":"W","price":"2.5"}'),
    ("create item empty name", "POST", "/items/", JSON, b'{"name":"","price":1}'),
    ("create item zero price", "POST", "/items/", JSON, b'{"name":"W","price":0}'),
    ("create item all wrong", "POST", "/items/", JSON, b'{"name":"","price":-1,"tags":["a",2],"description":5}'),
    ("create item missing fields", "POST", "/items/", JSON, b'{}'),
    ("create item bad tags", "POST", "/items/", JSON, b'{"name":"W","price":1,"tags":"x"}'),
    ("create item empty body", "POST", "/items/", JSON, None),
    ("create item null", "POST", "/items/", JSON, b"null"),
    ("create item array", "POST", "/items/", JSON, b"[1,2]"),
    ("create item invalid json", "POST", "/items/", JSON, b'{"name": "abc", "price": }'),
    ("create item trailing comma", "POST", "/items/", JSON, b'{"name":"W","price":1,}'),
    ("create item invalid utf8", "POST", "/items/", JSON, b'{"name":"\xff","price":1}'),
    ("create item text/plain", "POST", "/items/", {"Content-Type": "text/plain"}, b'{"name":"W","price":1}'),
    ("create item no content type", "POST", "/items/", {}, b'{"name":"W","price":1}'),
    ("create item merge-patch", "POST", "/items/", {"Content-Type": "application/merge-patch+json"}, b'{"name":"W","price":1}'),
    ("protected no key", "GET", "/protected-route", {}, None),
    ("protected wrong key", "GET", "/protected-route", {"X-API-Key": "nope"}, None),
    ("protected ok", "GET", "/protected-route", {"X-API-Key": "fake-secret-api-key"}, None),
    ("protected lowercase header", "GET", "/protected-route", {"x-api-key": "fake-secret-api-key"}, None),
    ("user ok", "POST", "/users", JSON, b'{"email":"ann@company.com","age":30}'),
    ("user not company", "POST", "/users", JSON, b'{"email":"ann@gmail.com","age":30}'),
    ("user bad email", "POST", "/users", JSON, b'{"email":"not-an-email","age":30}'),
    ("user too young", "POST", "/users", JSON, b'{"email":"ann@company.com","age":17}'),
    ("user everything wrong", "POST", "/users", JSON, b'{"email":"x","age":"old"}'),
    ("register", "POST", "/register", JSON, b'{"email":"ann@company.com","age":30}'),
    ("register too young", "POST", "/register", JSON, b'{"email":"ann@company.com","age":17}'),
    ("user missing", "POST", "/users", JSON, b'{}'),
    ("post owner", "PUT", "/posts/1", {**JSON, **ALICE}, b'{"title":"New","content":"Body"}'),
    ("post not owner", "PUT", "/posts/1", {**JSON, **BOB}, b'{"title":"New","content":"Body"}'),
    ("post not owner bad body", "PUT", "/posts/1", {**JSON, **BOB}, b'{"title":""}'),
    ("post missing user", "PUT", "/posts/1", JSON, b'{"title":"New","content":"Body"}'),
    ("post missing user bad body", "PUT", "/posts/1", JSON, b'{"title":""}'),
    ("post garbage token", "PUT", "/posts/1", {**JSON, "Authorization": "Bearer not.a.jwt"}, b'{"title":"New","content":"Body"}'),
    ("post bob's posts unchanged", "GET", "/users/me/posts", BOB, None),
    ("post unknown", "PUT", "/posts/9", {**JSON, **ALICE}, b'{"title":"New","content":"Body"}'),
    ("post bad id", "PUT", "/posts/x", {**JSON, **ALICE}, b'{"title":"New","content":"Body"}'),
    ("post owner bad body", "PUT", "/posts/1", {**JSON, **ALICE}, b'{"title":"","content":3}'),
    ("alice's posts after her update", "GET", "/users/me/posts", ALICE, None),
    ("token ok", "POST", "/token", FORM, b"username=alice&password=alice-secret"),
    ("token with scope", "POST", "/token", FORM, b"grant_type=password&username=bob&password=bob-secret&scope=items:read"),
    ("token wrong password", "POST", "/token", FORM, b"username=alice&password=nope"),
    ("token unknown user", "POST", "/token", FORM, b"username=mallory&password=alice-secret"),
    ("token missing password", "POST", "/token", FORM, b"username=alice"),
    ("token json body", "POST", "/token", JSON, b'{"username":"alice","password":"alice-secret"}'),
    ("token bad grant type", "POST", "/token", FORM, b"grant_type=client_credentials&username=alice&password=alice-secret"),
    ("me", "GET", "/users/me", ALICE, None),
    ("me bob", "GET", "/users/me", BOB, None),
    ("me no token", "GET", "/users/me", {}, None),
    ("me basic", "GET", "/users/me", {"Authorization": "Basic YTpi"}, None),
    ("me garbage token", "GET", "/users/me", {"Authorization": "Bearer garbage"}, None),
    ("me tampered token", "GET", "/users/me", {"Authorization": "{alice_tampered}"}, None),
    ("me foreign key token", "GET", "/users/me", {"Authorization": "{foreign}"}, None),
    ("my items", "GET", "/users/me/items", ALICE, None),
    ("my items bob", "GET", "/users/me/items", BOB, None),
    ("my items without the scope", "GET", "/users/me/items", ALICE_NO_SCOPE, None),
    ("my items no token", "GET", "/users/me/items", {}, None),
    ("v1 user", "GET", "/api/v1/users/1", {}, None),
    ("v2 user", "GET", "/api/v2/users/1", {}, None),
    ("v1 unknown user", "GET", "/api/v1/users/7", {}, None),
    ("v2 bad id", "GET", "/api/v2/users/x", {}, None),
    ("trailing slash redirect", "GET", "/health/", {}, None),
]

# Differences we know about and accept, by case name, with the reason (keep in sync with the README's
# "Differences from FastAPI"). Empty: every case above currently answers identically.
KNOWN_DIFFERENCES: dict = {}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, timeout=60.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not come up")


def send(port, method, path, headers, body, tokens=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_accept_encoding=True)
    for name, value in headers.items():
        connection.putheader(name, value.format(**tokens) if tokens and value.startswith("{") else value)
    if body is not None:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    data = response.read()
    content_type = response.getheader("content-type")
    connection.close()
    try:
        parsed = json.loads(data) if data else None
    except ValueError:
        parsed = data.decode("utf-8", "replace")
    if isinstance(parsed, dict) and isinstance(parsed.get("access_token"), str):
        # Tokens differ by signing time; both must be JWTs the other side accepts (checked by the "me" cases).
        parsed["access_token"] = "<jwt>" if parsed["access_token"].count(".") == 2 else parsed["access_token"]
    return response.status, content_type, response.getheader("www-authenticate"), parsed


def issue_tokens(port):
    """Bearer tokens from the Apus example, used against both servers."""
    def token(form):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("POST", "/token", body=form, headers=FORM)
        body = json.loads(connection.getresponse().read())
        connection.close()
        return body["access_token"]

    alice = token("username=alice&password=alice-secret&scope=items:read")
    header, payload, signature = alice.split(".")
    tampered_payload = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
    foreign = jwt.encode({"sub": "alice", "exp": int(time.time()) + 600, "scopes": ["items:read"]}, "another-key-that-is-also-32-bytes-long", algorithm="HS256")
    return {
        "alice": f"Bearer {alice}",
        "alice_no_scope": "Bearer " + token("username=alice&password=alice-secret"),
        "bob": "Bearer " + token("username=bob&password=bob-secret&scope=items:read"),
        "alice_tampered": f"Bearer {header}.{tampered_payload}.{signature}",
        "foreign": f"Bearer {foreign}",
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--swift-binary", required=True)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()

    swift_port, python_port = free_port(), free_port()
    environment = {**os.environ, "APUS_EXAMPLE_JWT_SECRET": SECRET}
    swift = subprocess.Popen(
        [args.swift_binary], env={**environment, "PORT": str(swift_port)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    python = subprocess.Popen(
        [args.python, "-m", "uvicorn", "fastapi_twin:app", "--port", str(python_port), "--log-level", "warning"],
        cwd=HERE, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(swift_port)
        wait_for(python_port)
        tokens = issue_tokens(swift_port)
        unexpected, known = [], []
        for name, method, path, headers, body in CASES:
            theirs = send(python_port, method, path, headers, body, tokens)
            ours = send(swift_port, method, path, headers, body, tokens)
            if theirs == ours:
                print(f"same      {name}")
                continue
            line = f"DIFFERENT {name}: {method} {path}\n  fastapi: {theirs}\n  apus:    {ours}"
            print(line)
            (known if name in KNOWN_DIFFERENCES else unexpected).append(name)
        print(f"\n{len(CASES)} requests, {len(CASES) - len(unexpected) - len(known)} identical, "
              f"{len(known)} known differences, {len(unexpected)} unexpected")
        return 1 if unexpected else 0
    finally:
        for process in (swift, python):
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
