"""Differential test: Apus's middlewares (Sources/MiddlewareTwinServer) against Starlette's own
(starlette_twin.py), plus the 100 MB streamed-gzip memory check.

Each case in CASES is sent to both servers over a raw socket (http.client, Host set by hand, no automatic
Accept-Encoding). Compared: the status, every Access-Control-* header, Vary, Content-Encoding, Location and
Content-Type, and the body after gzip decompression. A case with body=False compares the headers only (the 404 and
405 bodies are FastAPI's JSON in Apus and Starlette's plain text: routing, not middleware). Differences listed in
KNOWN_DIFFERENCES are Apus's documented improvements; they are reported and checked to be the improvement, and any
other difference fails the run.

Then GET /gzip/big-stream (100 MB, streamed, gzip) is read from the Apus twin while its RSS is sampled from
/proc/<pid>/status; the body is decompressed incrementally and its SHA-256 compared with the bytes the route
promises (byte i is i % 251). RSS growth must stay under 20 MiB.

Usage: python compare.py --apus-port P --starlette-port Q --apus-pid PID
"""

import argparse
import gzip
import hashlib
import http.client
import sys
import time
import zlib

A = "https://a.com"
EVIL = "https://evil.com"


def preflight(origin, method, headers=None, **extra):
    fields = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers is not None:
        fields["Access-Control-Request-Headers"] = headers
    fields.update(extra)
    return fields


GZ = {"Accept-Encoding": "gzip, deflate"}

# (name, method, path, headers, compare body)
CASES = [
    # CORS, the §2.9 configuration: one origin, credentials, GET and POST, X-Custom, X-Exp exposed, max age 100.
    ("cors preflight ok", "OPTIONS", "/cors/r", preflight(A, "POST", "X-Custom"), True),
    ("cors preflight all wrong", "OPTIONS", "/cors/r", preflight(EVIL, "DELETE", "X-Other"), True),
    ("cors preflight bad method", "OPTIONS", "/cors/r", preflight(A, "PUT"), True),
    ("cors preflight bad header", "OPTIONS", "/cors/r", preflight(A, "GET", "X-Custom, X-Other"), True),
    ("cors preflight header case and spaces", "OPTIONS", "/cors/r", preflight(A, "GET", " x-custom ,CONTENT-TYPE"), True),
    ("cors preflight no requested headers", "OPTIONS", "/cors/r", preflight(A, "GET"), True),
    ("cors preflight empty requested headers", "OPTIONS", "/cors/r", preflight(A, "GET", ""), True),
    ("cors preflight trailing comma", "OPTIONS", "/cors/r", preflight(A, "GET", "X-Custom,"), True),
    ("cors preflight private network refused", "OPTIONS", "/cors/r",
     preflight(A, "GET", None, **{"Access-Control-Request-Private-Network": "true"}), True),
    ("cors options without request method", "OPTIONS", "/cors/r", {"Origin": A}, False),
    ("cors preflight without origin", "OPTIONS", "/cors/r", {"Access-Control-Request-Method": "GET"}, False),
    ("cors simple allowed", "GET", "/cors/r", {"Origin": A}, True),
    ("cors simple disallowed", "GET", "/cors/r", {"Origin": EVIL}, True),
    ("cors simple no origin", "GET", "/cors/r", {}, True),
    ("cors post allowed", "POST", "/cors/r", {"Origin": A}, True),
    ("cors 404 keeps cors headers", "GET", "/cors/nope", {"Origin": A}, False),
    ("cors 500", "GET", "/cors/boom", {"Origin": A}, True),
    ("cors huge origin", "GET", "/cors/r", {"Origin": "https://" + "a" * 10000 + ".com"}, True),
    ("cors many requested headers", "OPTIONS", "/cors/r", preflight(A, "GET", ",".join(["X-Custom"] * 1000)), True),
    # Starlette's defaults: nothing allowed.
    ("default preflight", "OPTIONS", "/cors-default/r", preflight(A, "GET"), True),
    ("default simple", "GET", "/cors-default/r", {"Origin": A}, True),
    # Everything allowed, without and with credentials.
    ("all preflight echoes headers", "OPTIONS", "/cors-all/r", preflight(EVIL, "PATCH", "X-Anything, X-Other"), True),
    ("all preflight QUERY method", "OPTIONS", "/cors-all/r", preflight(EVIL, "QUERY"), True),
    ("all preflight lowercase method", "OPTIONS", "/cors-all/r", preflight(EVIL, "get"), True),
    ("all simple", "GET", "/cors-all/r", {"Origin": EVIL}, True),
    ("all+credentials preflight", "OPTIONS", "/cors-all-cred/r", preflight(EVIL, "GET", "X-A"), True),
    ("all+credentials simple", "GET", "/cors-all-cred/r", {"Origin": EVIL}, True),
    ("all+credentials no origin", "GET", "/cors-all-cred/r", {}, True),
    # A pattern, matched in full.
    ("regex preflight ok", "OPTIONS", "/cors-regex/r", preflight("https://x.example.org", "GET"), True),
    ("regex simple ok", "GET", "/cors-regex/r", {"Origin": "https://deep.x.example.org"}, True),
    ("regex not a full match", "GET", "/cors-regex/r", {"Origin": "https://x.example.org.evil.com"}, True),
    ("regex wrong scheme", "OPTIONS", "/cors-regex/r", preflight("http://x.example.org", "GET"), True),
    # Private network access.
    ("private network allowed", "OPTIONS", "/cors-pn/r",
     preflight(A, "GET", None, **{"Access-Control-Request-Private-Network": "true"}), True),
    ("private network bad origin", "OPTIONS", "/cors-pn/r",
     preflight(EVIL, "GET", None, **{"Access-Control-Request-Private-Network": "true"}), True),
    # GZip with Starlette's defaults.
    ("gzip big", "GET", "/gzip/big", GZ, True),
    ("gzip big identity", "GET", "/gzip/big", {"Accept-Encoding": "identity"}, True),
    ("gzip big no accept-encoding", "GET", "/gzip/big", {}, True),
    ("gzip big br then gzip", "GET", "/gzip/big", {"Accept-Encoding": "br;q=1.0, gzip;q=0.5"}, True),
    ("gzip small", "GET", "/gzip/small", GZ, True),
    ("gzip excluded png", "GET", "/gzip/png", GZ, True),
    ("gzip excluded grpc+proto", "GET", "/gzip/grpc", GZ, True),
    ("gzip already encoded", "GET", "/gzip/encoded", GZ, True),
    ("gzip existing vary", "GET", "/gzip/vary", GZ, True),
    ("gzip partial content", "GET", "/gzip/partial", GZ, True),
    ("gzip stream", "GET", "/gzip/stream", GZ, True),
    ("gzip small stream (Starlette's quirk)", "GET", "/gzip/stream-small", GZ, True),
    ("gzip stream identity", "GET", "/gzip/stream", {"Accept-Encoding": "identity"}, True),
    ("gzip 1 MB stream", "GET", "/gzip/big-stream?size=1048576", GZ, True),
    # TrustedHost: example.com, *.example.org, www.example.net.
    ("host ok", "GET", "/host/r", {"Host": "example.com"}, True),
    ("host ok with port", "GET", "/host/r", {"Host": "example.com:8080"}, True),
    ("host ok uppercase", "GET", "/host/r", {"Host": "EXAMPLE.COM"}, True),
    ("host bad", "GET", "/host/r", {"Host": "evil.com"}, True),
    ("host wildcard", "GET", "/host/r", {"Host": "api.example.org"}, True),
    ("host wildcard deeper", "GET", "/host/r", {"Host": "a.b.example.org"}, True),
    ("host wildcard bare domain", "GET", "/host/r", {"Host": "example.org"}, True),
    ("host www redirect", "GET", "/host/r?x=1&y=%20", {"Host": "example.net"}, True),
    ("host www redirect with port", "GET", "/host/a%20b", {"Host": "example.net:8080"}, True),
    ("host www redirect off", "GET", "/host-nowww/r", {"Host": "example.net"}, True),
    ("host ipv6 literal refused", "GET", "/host/r", {"Host": "[::1]:8080"}, True),
    # HTTPSRedirect.
    ("https redirect", "GET", "/https/r?q=1", {"Host": "example.com"}, True),
    ("https redirect keeps port", "GET", "/https/r", {"Host": "example.com:8080"}, True),
    ("https redirect drops 80", "GET", "/https/r", {"Host": "example.com:80"}, True),
    ("https redirect drops 443 and lowercases", "GET", "/https/r", {"Host": "Example.COM:443"}, True),
    ("https redirect keeps case with port", "GET", "/https/r", {"Host": "Example.COM:8443"}, True),
    ("https redirect post", "POST", "/https/r", {"Host": "example.com"}, True),
    ("https redirect encoded path", "GET", "/https/a%20b%3Fc", {"Host": "example.com"}, True),
    ("https redirect ipv6 with port", "GET", "/https/r", {"Host": "[::1]:8080"}, True),
    ("https behind proxy", "GET", "/https/r", {"Host": "example.com", "X-Forwarded-Proto": "https"}, True),
    ("https behind proxy http", "GET", "/https/r", {"Host": "example.com", "X-Forwarded-Proto": "http"}, True),
    # CORS outermost around TrustedHost and GZip: the others' answers carry CORS headers.
    ("stack bad host gets cors", "GET", "/stack/big", {"Host": "evil.com", "Origin": EVIL, **GZ}, True),
    ("stack good host gzip and cors", "GET", "/stack/big", {"Host": "good.com", "Origin": EVIL, **GZ}, True),
    ("stack 500", "GET", "/stack/boom", {"Host": "good.com", "Origin": EVIL}, True),
]

# Apus's documented improvement (Sources/ApusMiddleware/CORS/CORS.swift): an error nothing rendered becomes the
# same plain 500 inside CORS, so it carries the CORS headers Starlette's cannot. Checked, not just tolerated: the
# status and body must be Starlette's, and the only extra headers CORS's own.
KNOWN_DIFFERENCES = {
    "cors 500": "CORS headers on the 500 (Starlette's 500 handler sits outside CORS)",
    "stack 500": "CORS headers on the 500 (Starlette's 500 handler sits outside CORS)",
}

COMPARED_HEADERS = ("vary", "content-encoding", "location", "content-type")


def send(port, method, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    fields = {"Host": f"127.0.0.1:{port}", **headers}
    for name, value in fields.items():
        connection.putheader(name, value)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    names = {name.lower() for name, _ in response.getheaders()}
    selected = {}
    for name in sorted(names):
        if name.startswith("access-control-") or name in COMPARED_HEADERS:
            selected[name] = ", ".join(v for n, v in response.getheaders() if n.lower() == name)
    if selected.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, selected, body


def without_content_type(result):
    status, headers, _ = result
    return status, {name: value for name, value in headers.items() if name != "content-type"}


def is_cors_improvement(theirs, ours):
    status_t, headers_t, body_t = theirs
    status_o, headers_o, body_o = ours
    if (status_t, body_t) != (status_o, body_o) or status_o != 500:
        return False
    extra = {k: v for k, v in headers_o.items() if headers_t.get(k) != v}
    return "access-control-allow-origin" in extra and all(
        k.startswith("access-control-") or k == "vary" for k in extra)


def short(result):
    status, headers, body = result
    return f"{status} {headers} {body[:120]!r}{'...' if len(body) > 120 else ''} ({len(body)} bytes)"


def run_matrix(apus_port, starlette_port):
    unexpected, known = [], []
    for name, method, path, headers, compare_body in CASES:
        theirs = send(starlette_port, method, path, headers)
        ours = send(apus_port, method, path, headers)
        same = theirs == ours if compare_body else without_content_type(theirs) == without_content_type(ours)
        if same:
            print(f"same      {name}")
            continue
        print(f"DIFFERENT {name}: {method} {path} {headers if len(str(headers)) < 200 else '(long headers)'}\n"
              f"  starlette: {short(theirs)}\n  apus:      {short(ours)}")
        if name in KNOWN_DIFFERENCES and is_cors_improvement(theirs, ours):
            print(f"  known: {KNOWN_DIFFERENCES[name]}")
            known.append(name)
        else:
            unexpected.append(name)
    identical = len(CASES) - len(unexpected) - len(known)
    print(f"\nmatrix: {len(CASES)} requests, {identical} identical, {len(known)} known differences, "
          f"{len(unexpected)} unexpected")
    missing = [name for name in KNOWN_DIFFERENCES if name not in known]
    if missing:
        print(f"FAIL: the documented improvement did not show in {missing}")
    return not unexpected and not missing


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def run_big_stream(apus_port, apus_pid, size=100 * 1024 * 1024, limit_mib=20):
    chunk = 64 * 1024
    period = bytes(i % 251 for i in range(chunk + 251))
    expected = hashlib.sha256()
    offset = 0
    while offset < size:
        length = min(chunk, size - offset)
        expected.update(period[offset % 251: offset % 251 + length])
        offset += length

    baseline = rss_kib(apus_pid)
    peak = baseline
    connection = http.client.HTTPConnection("127.0.0.1", apus_port, timeout=120)
    connection.putrequest("GET", f"/gzip/big-stream?size={size}", skip_accept_encoding=True)
    connection.putheader("Accept-Encoding", "gzip")
    connection.endheaders()
    started = time.time()
    response = connection.getresponse()
    encoding = response.getheader("content-encoding")
    chunked = response.getheader("transfer-encoding")
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    received = hashlib.sha256()
    compressed = decompressed = reads = 0
    while True:
        data = response.read1(256 * 1024)
        if not data:
            break
        compressed += len(data)
        plain = decompressor.decompress(data)
        decompressed += len(plain)
        received.update(plain)
        reads += 1
        if reads % 8 == 0:
            peak = max(peak, rss_kib(apus_pid))
    tail = decompressor.flush()
    received.update(tail)
    decompressed += len(tail)
    peak = max(peak, rss_kib(apus_pid))
    connection.close()
    elapsed = time.time() - started
    growth_mib = (peak - baseline) / 1024
    print(f"\nbig stream: {size} bytes as {compressed} gzip bytes ({encoding}, {chunked}) in {elapsed:.1f} s; "
          f"decompressed {decompressed} bytes, sha256 {'matches' if received.digest() == expected.digest() else 'DIFFERS'}; "
          f"server RSS {baseline / 1024:.1f} MiB before, {peak / 1024:.1f} MiB peak, growth {growth_mib:.1f} MiB "
          f"(limit {limit_mib})")
    return (encoding == "gzip" and decompressor.eof and decompressed == size
            and received.digest() == expected.digest() and growth_mib < limit_mib)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apus-port", type=int, required=True)
    parser.add_argument("--starlette-port", type=int, required=True)
    parser.add_argument("--apus-pid", type=int, required=True)
    arguments = parser.parse_args()
    matrix_ok = run_matrix(arguments.apus_port, arguments.starlette_port)
    stream_ok = run_big_stream(arguments.apus_port, arguments.apus_pid)
    print(f"\nmatrix {'passed' if matrix_ok else 'FAILED'}; big stream {'passed' if stream_ok else 'FAILED'}")
    return 0 if matrix_ok and stream_ok else 1


if __name__ == "__main__":
    sys.exit(main())
