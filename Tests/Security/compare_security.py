"""Security differential test: every fastapi.security scheme in Apus (apus-security-twin) against FastAPI itself
(fastapi_security_twin.py), the same requests to both.

For each case: status, `WWW-Authenticate`, content type and JSON body must be identical. Then the two OpenAPI
documents: `components.securitySchemes` and every operation's `security` must be equal (Apus also documents each
scheme's 401, which FastAPI does not: reported, allowed).

Usage: python compare_security.py --swift-binary .build/debug/apus-security-twin [--python python3]
"""

import argparse
import base64
import http.client
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Differential"))

from compare import free_port, wait_for  # noqa: E402  (the example's differential test's helpers)


def b64(text):
    return base64.b64encode(text.encode("latin-1")).decode()


def auth(value):
    return [("Authorization", value)]


FORM = [("Content-Type", "application/x-www-form-urlencoded")]

# (name, method, path, [(header, value)], body)
CASES = [
    # OAuth2PasswordBearer
    ("oauth missing", "GET", "/oauth", [], None),
    ("oauth ok", "GET", "/oauth", auth("Bearer abc.def"), None),
    ("oauth lowercase scheme", "GET", "/oauth", auth("bearer abc"), None),
    ("oauth wrong scheme", "GET", "/oauth", auth("Basic abc"), None),
    ("oauth empty token", "GET", "/oauth", auth("Bearer "), None),
    ("oauth scheme only", "GET", "/oauth", auth("Bearer"), None),
    ("oauth token with spaces", "GET", "/oauth", auth("Bearer   a b  "), None),
    ("oauth empty header", "GET", "/oauth", auth(""), None),
    ("oauth two headers", "GET", "/oauth", auth("Bearer first") + auth("Bearer second"), None),
    ("oauth optional missing", "GET", "/oauth-optional", [], None),
    ("oauth optional wrong scheme", "GET", "/oauth-optional", auth("Token x"), None),
    ("oauth optional ok", "GET", "/oauth-optional", auth("Bearer t"), None),
    ("code missing", "GET", "/code", [], None),
    ("code ok", "GET", "/code", auth("Bearer c0de"), None),
    # HTTPBasic
    ("basic missing", "GET", "/basic", [], None),
    ("basic ok", "GET", "/basic", auth("Basic " + b64("alice:s3cr:et")), None),
    ("basic empty password", "GET", "/basic", auth("Basic " + b64("alice:")), None),
    ("basic no colon", "GET", "/basic", auth("Basic " + b64("alice")), None),
    ("basic undecodable", "GET", "/basic", auth("Basic !!!"), None),
    ("basic bad padding", "GET", "/basic", auth("Basic YWxpY2U6cw"), None),
    ("basic junk inside", "GET", "/basic", auth("Basic YWxp*Y2U6cw=="), None),
    ("basic after padding", "GET", "/basic", auth("Basic YWxpY2U6cw==garbage"), None),
    ("basic non-ascii", "GET", "/basic", auth("Basic " + b64("\u00e9:x")), None),
    ("basic wrong scheme", "GET", "/basic", auth("Bearer abc"), None),
    ("basic lowercase", "GET", "/basic", auth("basic " + b64("a:b")), None),
    ("basic realm missing", "GET", "/basic-realm", [], None),
    ("basic optional missing", "GET", "/basic-optional", [], None),
    ("basic optional undecodable", "GET", "/basic-optional", auth("Basic !!!"), None),
    ("basic optional ok", "GET", "/basic-optional", auth("Basic " + b64("a:b")), None),
    # HTTPBearer / HTTPDigest
    ("bearer missing", "GET", "/bearer", [], None),
    ("bearer ok", "GET", "/bearer", auth("Bearer tok"), None),
    ("bearer wrong scheme", "GET", "/bearer", auth("Token abc"), None),
    ("bearer empty", "GET", "/bearer", auth("Bearer "), None),
    ("bearer optional missing", "GET", "/bearer-optional", [], None),
    ("bearer optional wrong scheme", "GET", "/bearer-optional", auth("Token abc"), None),
    ("bearer optional ok", "GET", "/bearer-optional", auth("BEARER tok"), None),
    ("digest missing", "GET", "/digest", [], None),
    ("digest ok", "GET", "/digest", auth('Digest username="a", realm="r"'), None),
    ("digest wrong scheme", "GET", "/digest", auth("Bearer x"), None),
    ("digest optional wrong scheme", "GET", "/digest-optional", auth("Bearer x"), None),
    # API keys
    ("key header missing", "GET", "/key-header", [], None),
    ("key header empty", "GET", "/key-header", [("X-Key", "")], None),
    ("key header ok", "GET", "/key-header", [("X-Key", "k1")], None),
    ("key header lowercase name", "GET", "/key-header", [("x-key", "k1")], None),
    ("key header two", "GET", "/key-header", [("X-Key", "k1"), ("X-Key", "k2")], None),
    ("key header optional missing", "GET", "/key-header-optional", [], None),
    ("key header optional ok", "GET", "/key-header-optional", [("X-Key", "k")], None),
    ("key query missing", "GET", "/key-query", [], None),
    ("key query ok", "GET", "/key-query?key=q1", [], None),
    ("key query repeated", "GET", "/key-query?key=q1&key=q2", [], None),
    ("key query empty", "GET", "/key-query?key=", [], None),
    ("key query encoded", "GET", "/key-query?key=a%20b%2B", [], None),
    ("key cookie missing", "GET", "/key-cookie", [], None),
    ("key cookie ok", "GET", "/key-cookie", [("Cookie", "other=1; session=c1")], None),
    ("key cookie empty", "GET", "/key-cookie", [("Cookie", "session=")], None),
    # OpenID Connect
    ("openid missing", "GET", "/openid", [], None),
    ("openid any value", "GET", "/openid", auth("Whatever x y"), None),
    ("openid optional missing", "GET", "/openid-optional", [], None),
    # Scopes
    ("scoped missing", "GET", "/scoped", [], None),
    ("scoped ok", "GET", "/scoped", auth("Bearer scopes:items:read"), None),
    ("scoped missing scope", "GET", "/scoped", auth("Bearer scopes:me"), None),
    ("scoped nested ok", "GET", "/scoped-nested", auth("Bearer scopes:items:read me"), None),
    ("scoped nested one missing", "GET", "/scoped-nested", auth("Bearer scopes:items:read"), None),
    # The password-flow form
    ("token ok", "POST", "/token", FORM, b"username=alice&password=pw&scope=items:read%20me"),
    ("token all fields", "POST", "/token", FORM, b"grant_type=password&username=a&password=p&scope=&client_id=c&client_secret=s"),
    ("token scope whitespace", "POST", "/token", FORM, b"username=a&password=p&scope=%20a%09b%20%20c"),
    ("token missing password", "POST", "/token", FORM, b"username=alice"),
    ("token missing both", "POST", "/token", FORM, b""),
    ("token bad grant type", "POST", "/token", FORM, b"grant_type=code&username=a&password=p"),
    ("token json body", "POST", "/token", [("Content-Type", "application/json")], b'{"username":"a","password":"p"}'),
    ("token strict ok", "POST", "/token-strict", FORM, b"grant_type=password&username=a&password=p"),
    ("token strict no grant", "POST", "/token-strict", FORM, b"username=a&password=p"),
    ("token strict bad grant", "POST", "/token-strict", FORM, b"grant_type=x&username=a&password=p"),
]


# Form fields documented differently on purpose (also in the README):
KNOWN_FORM_DIFFERENCES = {
    # FastAPI writes `format: password` beside the anyOf (json_schema_extra); Apus puts it on the string branch,
    # where JSON Schema applies it. The strict form's `password` has no `format` in FastAPI 0.163 (the plain form's
    # has); Apus marks both, so Swagger UI masks both.
    "client_secret",
}


def send(port, method, path, headers, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_accept_encoding=True)
    for name, value in headers:
        connection.putheader(name, value)
    if body is not None:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    try:
        parsed = json.loads(data) if data else None
    except ValueError:
        parsed = data.decode("latin-1")
    return {
        "status": response.status,
        "www-authenticate": response.getheader("www-authenticate"),
        "content-type": response.getheader("content-type"),
        "body": parsed,
    }


def fetch_json(port, path):
    return send(port, "GET", path, [], None)["body"]


def compare_documents(apus, fastapi):
    failures = []
    if apus.get("components", {}).get("securitySchemes") != fastapi["components"]["securitySchemes"]:
        failures.append(("securitySchemes", apus.get("components", {}).get("securitySchemes"), fastapi["components"]["securitySchemes"]))
    compared = 0
    for path, item in fastapi["paths"].items():
        for method, operation in item.items():
            ours = apus["paths"].get(path, {}).get(method)
            if ours is None:
                failures.append((f"{method.upper()} {path}", "<absent>", "operation"))
                continue
            compared += 1
            if ours.get("security") != operation.get("security"):
                failures.append((f"{method.upper()} {path} security", ours.get("security"), operation.get("security")))
            if operation.get("requestBody") is not None:
                def resolve(document, content):
                    schema = content["application/x-www-form-urlencoded"]["schema"]
                    name = schema["$ref"].rsplit("/", 1)[-1]
                    return document["components"]["schemas"][name]
                a = resolve(apus, ours["requestBody"]["content"])
                f = resolve(fastapi, operation["requestBody"]["content"])
                # The title names the operation (FastAPI: Body_<function>_<path>_<method>; Apus routes have no
                # function names).
                a = {k: v for k, v in a.items() if k != "title"}
                f = {k: v for k, v in f.items() if k != "title"}
                for known in KNOWN_FORM_DIFFERENCES:
                    a["properties"].pop(known, None)
                    f["properties"].pop(known, None)
                if path == "/token-strict":
                    a["properties"].pop("password", None)
                    f["properties"].pop("password", None)
                if a != f:
                    failures.append((f"{method.upper()} {path} form schema", a, f))
            extra = sorted(set(ours.get("responses", {})) - set(operation.get("responses", {})))
            if extra:
                print(f"known: {method.upper()} {path} documents {extra} too (each scheme's failure; FastAPI documents none)")
    return compared, failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--swift-binary", required=True)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()

    swift_port, python_port = free_port(), free_port()
    swift = subprocess.Popen([args.swift_binary], env={**os.environ, "PORT": str(swift_port)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    python = subprocess.Popen([args.python, "-m", "uvicorn", "fastapi_security_twin:app", "--port", str(python_port), "--log-level", "warning"],
                              cwd=HERE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(swift_port)
        wait_for(python_port)
        differences = 0
        for name, method, path, headers, body in CASES:
            ours = send(swift_port, method, path, headers, body)
            theirs = send(python_port, method, path, headers, body)
            if ours != theirs:
                differences += 1
                print(f"DIFFERENT: {name}: {method} {path}\n    apus:    {json.dumps(ours)}\n    fastapi: {json.dumps(theirs)}")
        print(f"{len(CASES)} requests compared, {differences} different")
        compared, failures = compare_documents(fetch_json(swift_port, "/openapi.json"), fetch_json(python_port, "/openapi.json"))
        for where, ours, theirs in failures:
            print(f"DIFFERENT: {where}\n    apus:    {json.dumps(ours)}\n    fastapi: {json.dumps(theirs)}")
        print(f"{compared} operations' security compared, {len(failures)} different")
        sys.exit(1 if differences or failures else 0)
    finally:
        for process in (swift, python):
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main()
