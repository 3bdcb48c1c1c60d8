"""Starlette's StaticFiles over the fixture tree: the answers ApusStaticFiles must give.

Prepares the tree as FixtureTree.swift does (a copy of Fixtures with three symbolic links and fixed mtimes,
since git keeps neither), mounts it three ways in a FastAPI app (/static plain, /site html=True, /follow
follow_symlink=True), sends every request of CASES and prints the answers as JSON: the committed
starlette_static.json is this script's output.

The requests go straight to the ASGI app with a scope built as uvicorn builds it (path = unquote(raw path)),
not through httpx: httpx (and so starlette.testclient) removes dot segments and re-quotes the target before it
is sent, so `/static/../secret.txt` would not be the request the corpus names.

    python starlette_static.py > starlette_static.json     (from this folder; or pass the folder as argument)
"""

import asyncio
import base64
import json
import os
import shutil
import sys
import tempfile
from urllib.parse import unquote

import starlette
from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

# The test folder: the first argument (the Swift test runs this with `python -c`), else this file's folder.
HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
MTIME_NS = 1_700_000_000 * 10**9
FRACTION_MTIME_NS = MTIME_NS + 123_456_789
SYMLINKS = {"link-inside.txt": "hello.txt", "link-outside.txt": "../secret.txt", "link-dir-outside": ".."}
RECORDED = ["content-type", "content-length", "accept-ranges", "etag", "last-modified", "content-range", "allow", "location"]


def prepare(scratch):
    """The tree both sides serve: scratch/root (served) beside scratch/secret.txt and scratch/root-private (never
    served: a sibling whose name starts as the root's does)."""
    shutil.copytree(os.path.join(HERE, "Fixtures"), scratch, dirs_exist_ok=True)
    root = os.path.join(scratch, "root")
    for name, target in SYMLINKS.items():
        os.symlink(target, os.path.join(root, name))
    for directory, dirs, files in os.walk(scratch):
        for name in dirs + files:
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                os.utime(path, ns=(MTIME_NS, MTIME_NS))
    fraction = os.path.join(root, "fraction.txt")
    os.utime(fraction, ns=(FRACTION_MTIME_NS, FRACTION_MTIME_NS))
    return root


async def send(app, method, target, headers):
    raw_path, _, query = target.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": unquote(raw_path),
        "raw_path": raw_path.encode("latin-1"),
        "query_string": query.encode("latin-1"),
        "root_path": "",
        "headers": [(b"host", b"testserver")] + [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers],
        "client": ("testclient", 50000),
        "server": ("testserver", 80),
    }
    messages = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def record(message):
        messages.append(message)

    await app(scope, receive, record)
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    fields = {}
    for name, value in start["headers"]:
        fields.setdefault(name.decode("latin-1"), value.decode("latin-1"))
    if method == "HEAD":
        body = b""  # the server sends no body for HEAD
    return start["status"], fields, body


def answer(status, fields, body):
    """What the matrix compares: status, the recorded headers, the body (multipart boundary made constant)."""
    headers = {name: fields.get(name) for name in RECORDED}
    content_type = headers["content-type"] or ""
    if content_type.startswith("multipart/byteranges; boundary="):
        boundary = content_type.split("boundary=", 1)[1]
        headers["content-type"] = "multipart/byteranges; boundary=BOUNDARY"
        body = body.replace(boundary.encode(), b"BOUNDARY")
    result = {"status": status, "headers": headers}
    try:
        result["body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        result["body_base64"] = base64.b64encode(body).decode()
    return result


def cases(etag, last_modified, index_etag):
    """(name, method, target, headers) of every request in the matrix."""
    many = "bytes=" + ",".join(f"{i}-{i}" for i in range(101))
    return [
        ("text file", "GET", "/static/hello.txt", []),
        ("HEAD of a file", "HEAD", "/static/hello.txt", []),
        ("css", "GET", "/static/style.css", []),
        ("javascript", "GET", "/static/app.js", []),
        ("json", "GET", "/static/data.json", []),
        ("png", "GET", "/static/image.png", []),
        ("binary .bin", "GET", "/static/blob.bin", []),
        ("no extension", "GET", "/static/noext", []),
        ("empty file", "GET", "/static/empty.txt", []),
        ("name with a space", "GET", "/static/with%20space.txt", []),
        ("UTF-8 name", "GET", "/static/na%C3%AFve%20caf%C3%A9.txt", []),
        ("file in a subdirectory", "GET", "/static/sub/page.txt", []),
        ("etag of a fractional mtime", "GET", "/static/fraction.txt", []),
        ("trailing slash after a file", "GET", "/static/hello.txt/", []),
        ("double slashes", "GET", "/static//sub//page.txt", []),
        ("missing file", "GET", "/static/missing.txt", []),
        ("directory without html mode", "GET", "/static/sub", []),
        ("mount root without html mode", "GET", "/static/", []),
        ("mount point without slash", "GET", "/static", []),
        ("POST is 405", "POST", "/static/hello.txt", []),
        ("PUT is 405", "PUT", "/static/hello.txt", []),
        ("DELETE of a missing file is 405", "DELETE", "/static/missing.txt", []),
        ("OPTIONS is 405", "OPTIONS", "/static/hello.txt", []),
        ("If-None-Match equal", "GET", "/static/hello.txt", [("If-None-Match", etag)]),
        ("If-None-Match weak", "GET", "/static/hello.txt", [("If-None-Match", "W/" + etag)]),
        ("If-None-Match in a list", "GET", "/static/hello.txt", [("If-None-Match", '"other", ' + etag)]),
        ("If-None-Match star", "GET", "/static/hello.txt", [("If-None-Match", "*")]),
        ("If-None-Match mismatch", "GET", "/static/hello.txt", [("If-None-Match", '"nope"')]),
        (
            "If-None-Match mismatch wins over If-Modified-Since",
            "GET",
            "/static/hello.txt",
            [("If-None-Match", '"nope"'), ("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")],
        ),
        ("If-Modified-Since equal", "GET", "/static/hello.txt", [("If-Modified-Since", last_modified)]),
        ("If-Modified-Since later", "GET", "/static/hello.txt", [("If-Modified-Since", "Wed, 15 Nov 2023 00:00:00 GMT")]),
        ("If-Modified-Since earlier", "GET", "/static/hello.txt", [("If-Modified-Since", "Mon, 13 Nov 2023 00:00:00 GMT")]),
        ("If-Modified-Since garbage", "GET", "/static/hello.txt", [("If-Modified-Since", "yesterday-ish")]),
        ("If-Modified-Since RFC 850", "GET", "/static/hello.txt", [("If-Modified-Since", "Tuesday, 14-Nov-23 22:13:20 GMT")]),
        ("If-Modified-Since asctime", "GET", "/static/hello.txt", [("If-Modified-Since", "Tue Nov 14 22:13:20 2023")]),
        ("If-Modified-Since zone ignored", "GET", "/static/hello.txt", [("If-Modified-Since", "Tue, 14 Nov 2023 22:13:20 +0500")]),
        ("HEAD with If-None-Match", "HEAD", "/static/hello.txt", [("If-None-Match", etag)]),
        ("range", "GET", "/static/digits.txt", [("Range", "bytes=0-4")]),
        ("suffix range", "GET", "/static/digits.txt", [("Range", "bytes=-5")]),
        ("open-ended range", "GET", "/static/digits.txt", [("Range", "bytes=30-")]),
        ("multiple ranges", "GET", "/static/digits.txt", [("Range", "bytes=0-4,10-14")]),
        ("multiple ranges with a suffix, out of order", "GET", "/static/digits.txt", [("Range", "bytes=-3, 0-2")]),
        ("overlapping ranges merge into one", "GET", "/static/digits.txt", [("Range", "bytes=0-5,3-8")]),
        ("end past the file is clamped", "GET", "/static/digits.txt", [("Range", "bytes=10-100000")]),
        ("start past the file is 416", "GET", "/static/digits.txt", [("Range", "bytes=99999-")]),
        ("zero suffix is 416", "GET", "/static/digits.txt", [("Range", "bytes=-0")]),
        ("range of an empty file is 416", "GET", "/static/empty.txt", [("Range", "bytes=0-")]),
        ("other unit is 400", "GET", "/static/digits.txt", [("Range", "items=0-4")]),
        ("no numbers is 400", "GET", "/static/digits.txt", [("Range", "bytes=abc")]),
        ("reversed range is 400", "GET", "/static/digits.txt", [("Range", "bytes=5-2")]),
        ("no equals sign is 400", "GET", "/static/digits.txt", [("Range", "bytes")]),
        ("Python integers in a range", "GET", "/static/digits.txt", [("Range", "bytes= +1_0 - 1_2 ")]),
        ("more than 100 ranges is the whole file", "GET", "/static/digits.txt", [("Range", many)]),
        ("HEAD with a range", "HEAD", "/static/digits.txt", [("Range", "bytes=0-4")]),
        ("HEAD with multiple ranges", "HEAD", "/static/digits.txt", [("Range", "bytes=0-1,5-6")]),
        ("If-Range equal to the etag", "GET", "/static/hello.txt", [("Range", "bytes=0-4"), ("If-Range", etag)]),
        ("If-Range equal to last-modified", "GET", "/static/hello.txt", [("Range", "bytes=0-4"), ("If-Range", last_modified)]),
        ("If-Range mismatch sends the whole file", "GET", "/static/hello.txt", [("Range", "bytes=0-4"), ("If-Range", '"old"')]),
        ("If-Range weak sends the whole file", "GET", "/static/hello.txt", [("Range", "bytes=0-4"), ("If-Range", "W/" + etag)]),
        ("If-None-Match beats Range", "GET", "/static/hello.txt", [("Range", "bytes=0-4"), ("If-None-Match", etag)]),
        ("html: root index", "GET", "/site/", []),
        ("html: subdirectory index", "GET", "/site/sub/", []),
        ("html: directory redirect", "GET", "/site/sub", []),
        ("html: directory redirect keeps the query", "GET", "/site/sub?x=1&y=%20", []),
        ("html: mount point without slash", "GET", "/site", []),
        ("html: directory without index is 404.html", "GET", "/site/nodir-index/", []),
        ("html: missing file is 404.html", "GET", "/site/missing.txt", []),
        ("html: HEAD of a missing file", "HEAD", "/site/missing.txt", []),
        ("html: 404.html ignores Range", "GET", "/site/missing.txt", [("Range", "bytes=0-4")]),
        ("html: 404.html ignores If-None-Match", "GET", "/site/missing.txt", [("If-None-Match", "*")]),
        ("html: index with If-None-Match", "GET", "/site/", [("If-None-Match", index_etag)]),
        ("html: a file", "GET", "/site/hello.txt", []),
        ("html: POST", "POST", "/site/", []),
        ("symlink inside the root", "GET", "/static/link-inside.txt", []),
        ("symlink out of the root", "GET", "/static/link-outside.txt", []),
        ("directory symlink out of the root", "GET", "/static/link-dir-outside/secret.txt", []),
        ("follow: symlink inside", "GET", "/follow/link-inside.txt", []),
        ("follow: symlink out of the root is followed", "GET", "/follow/link-outside.txt", []),
        ("follow: directory symlink out of the root", "GET", "/follow/link-dir-outside/secret.txt", []),
        ("follow: dot-dot", "GET", "/follow/../secret.txt", []),
        ("dot-dot", "GET", "/static/../secret.txt", []),
        ("encoded dot-dot", "GET", "/static/%2e%2e/secret.txt", []),
        ("encoded slash", "GET", "/static/..%2fsecret.txt", []),
        ("dot-dot inside the root", "GET", "/static/sub/..%2fhello.txt", []),
        ("back into the root by name", "GET", "/static/../root/hello.txt", []),
        ("backslash", "GET", "/static/%5csecret.txt", []),
        ("NUL", "GET", "/static/hello.txt%00", []),
        ("html: NUL", "GET", "/site/hello.txt%00", []),
        ("html: dot-dot", "GET", "/site/../secret.txt", []),
        ("sibling with the root's name as prefix", "GET", "/static/../root-private/key.txt", []),
        ("follow: sibling with the root's name as prefix", "GET", "/follow/../root-private/key.txt", []),
    ]


async def main():
    scratch = tempfile.mkdtemp(prefix="apus-starlette-static-")
    try:
        root = prepare(scratch)
        app = FastAPI()
        app.mount("/static", StaticFiles(directory=root), name="static")
        app.mount("/site", StaticFiles(directory=root, html=True), name="site")
        app.mount("/follow", StaticFiles(directory=root, follow_symlink=True), name="follow")
        _, hello, _ = await send(app, "GET", "/static/hello.txt", [])
        _, index, _ = await send(app, "GET", "/site/", [])
        results = []
        for name, method, target, headers in cases(hello["etag"], hello["last-modified"], index["etag"]):
            status, fields, body = await send(app, method, target, headers)
            request = {"method": method, "target": target, "headers": [list(pair) for pair in headers]}
            results.append({"name": name, "request": request, "response": answer(status, fields, body)})
        json.dump({"starlette": starlette.__version__, "cases": results}, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    finally:
        shutil.rmtree(scratch)


asyncio.run(main())
