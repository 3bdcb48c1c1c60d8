"""Hostile-input suite: the example service, over real sockets, against what an attacker sends.

Starts the example binary, sends each hostile input (deep JSON nesting up to 10^6, 10^5-key objects in every
position, malformed HTTP framing, slow and never-reading clients, smuggling attempts, bad Host and forwarded
headers), and checks each answer is the documented 4xx. Between cases and at the end the process must still be
alive and answer /health; its memory must stay bounded; SIGTERM must end it with status 0, and a partial head or a
second SIGTERM must not delay the exit.

Usage: python3 hostile_clients.py --binary .build/debug/apus-example
"""

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print(f"FAIL  {message}", flush=True)
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(port, timeout=15.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_all(s, limit=None):
    """Reads until the peer closes (or the socket times out); returns the bytes and whether the peer closed."""
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return data, True
            data += chunk
            if limit and len(data) >= limit:
                return data, False
    except (socket.timeout, TimeoutError):
        return data, False
    except ConnectionResetError:
        return data, True


def statuses(data):
    return [int(m.group(1)) for m in re.finditer(rb"HTTP/1\.[01] (\d{3}) ", data) if m.group(1) != b"100"]


def exchange(port, raw, timeout=15.0, half_close=False):
    """Sends raw bytes, reads to the end; returns (statuses, bytes, closed, seconds)."""
    start = time.monotonic()
    with connect(port, timeout) as s:
        s.sendall(raw)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        data, closed = read_all(s)
    return statuses(data), data, closed, time.monotonic() - start


def post_json(port, body, path="/items/", timeout=15.0):
    head = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    codes, data, _, seconds = exchange(port, head + body, timeout)
    return (codes[0] if codes else None), data.split(b"\r\n\r\n", 1)[-1], seconds


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Server:
    def __init__(self, binary):
        self.port = free_port()
        self.log = open("/tmp/apus-hostile.log", "w+b")
        self.process = subprocess.Popen([binary], env={**os.environ, "PORT": str(self.port)},
                                        stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("example service did not start")

    def alive(self, case):
        if not check(self.process.poll() is None, f"{case}: the process died (exit {self.process.returncode})"):
            raise SystemExit(report())
        codes, _, _, _ = exchange(self.port, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10)
        check(codes == [200], f"{case}: /health afterwards answered {codes}")

    def log_text(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")


def nested(depth, opener, closer, inner=b"1"):
    return opener * depth + inner + closer * depth


def json_cases(server):
    port = server.port
    parse_error = b'{"detail":"There was an error parsing the body"}'
    # Deep nesting: FastAPI validates depth 900 normally and answers 400 past Python's recursion limit.
    for depth in (900, 6548, 23800, 50000, 10**5, 10**6):
        for name, body, valid in (
            ("arrays", nested(depth, b"[", b"]"), 422),
            ("objects", nested(depth, b'{"a":', b"}"), 422),
            ("in an ignored extra field", b'{"name":"W","price":1,"extra":' + nested(depth, b'{"a":', b"}") + b"}", 200),
            ("in description", b'{"name":"W","price":1,"description":' + nested(depth, b"[", b"]") + b"}", 422),
        ):
            status, text, seconds = post_json(port, body)
            case = f"JSON nested {name} x{depth}"
            expected = valid if depth <= 900 else 400
            check(status == expected, f"{case}: got {status}, expected {expected}")
            if expected == 400:
                check(text == parse_error, f"{case}: body {text[:80]!r}")
            check(seconds < 5, f"{case}: took {seconds:.1f}s")
        server.alive(f"JSON nesting {depth}")
    # 10^5-key objects in every position: answered in well under a second each in FastAPI.
    keys = b",".join(b'"k%d":%d' % (i, i) for i in range(10**5))
    for name, body, expected in (
        ("as the body", b"{" + keys + b"}", 422),
        ("as the body, with name and price", b'{"name":"W","price":1,' + keys + b"}", 200),
        ("as description", b'{"name":"W","price":1,"description":{' + keys + b"}}", 422),
        ("as an ignored extra field", b'{"name":"W","price":1,"extra":{' + keys + b"}}", 200),
        ("in tags", b'{"name":"W","price":1,"tags":[{' + keys + b"}]}", 422),
        ("with a trailing comma", b"{" + keys + b",}", 422),
        ("all one duplicate key", b"{" + b",".join([b'"name":"W"'] * 10**5) + b',"price":1}', 200),
    ):
        status, _, seconds = post_json(port, body)
        check(status == expected, f"10^5 keys {name}: got {status}, expected {expected}")
        check(seconds < 5, f"10^5 keys {name}: took {seconds:.1f}s")
    server.alive("10^5-key objects")
    # Python's json.loads compatibility.
    item = '{"name":"W","price":1}'
    for name, body, expected in (
        ("UTF-8 BOM", b"\xef\xbb\xbf" + item.encode(), 200),
        ("UTF-16 LE", item.encode("utf-16-le"), 200),
        ("UTF-16 BE with BOM", b"\xfe\xff" + item.encode("utf-16-be"), 200),
        ("UTF-32 LE", item.encode("utf-32-le"), 200),
        ("4301-digit integer", b'{"name":"W","price":1,"extra":' + b"1" * 4301 + b"}", 400),
        ("4300-digit integer", b'{"name":"W","price":1,"extra":' + b"1" * 4300 + b"}", 200),
    ):
        status, _, _ = post_json(port, body)
        check(status == expected, f"{name}: got {status}, expected {expected}")
    server.alive("JSON encodings")


def framing_cases(server):
    port = server.port
    post_chunked = b"POST /items/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    for chunk in (b"zz", b"-1", b"0x16", b" 16", b"", b"123456789012345678", b"16;\x01"):
        codes, _, closed, _ = exchange(port, post_chunked + chunk + b'\r\n{"name":"W","price":1}\r\n0\r\n\r\n')
        check(codes == [400] and closed, f"chunk size {chunk!r}: {codes} closed={closed}")
    codes, _, _, _ = exchange(port, post_chunked + b'16\r\n{"name":"W","price":1}XX0\r\n\r\n')
    check(codes == [400], f"missing CRLF after chunk data: {codes}")
    codes, _, _, _ = exchange(port, post_chunked + b'16\r\n{"name":"W","price":1}\r\n0\r\nContent-Length: 5\r\n\r\n')
    check(codes == [400], f"Content-Length in the trailers: {codes}")
    for coding, expected in ((b"identity", 400), (b"gzip", 501), (b"chunkedx", 400), (b"chunked;q=1", 400),
                             (b'"chunked"', 400), (b"", 400)):
        raw = (b"POST /items/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: " + coding
               + b"\r\n\r\n16\r\n" + b'{"name":"W","price":1}\r\n0\r\n\r\n')
        codes, _, closed, _ = exchange(port, raw)
        check(codes[:1] == [expected] and closed, f"Transfer-Encoding {coding!r}: {codes} closed={closed}")
    smuggle = b"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
    for extra in (b"", b"Content-Length: %d\r\n" % len(smuggle)):
        codes, _, _, _ = exchange(port, b"POST /items/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n" + extra + b"\r\n" + smuggle)
        check(codes == [400], f"empty Transfer-Encoding {extra!r}: {codes} (a second status is a smuggled request)")
    # 2^63-1 is a length the server can hold: POST answers 413 at once, GET /health answers and closes (the
    # body is too large to drain). Beyond it the head itself is refused.
    for length, expected in ((2**63 - 1, {b"POST": 413, b"GET": 200}), (2**63, None), (2**64 - 1, None)):
        for method, path in ((b"POST", b"/items/"), (b"GET", b"/health")):
            raw = method + b" " + path + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % length
            codes, _, closed, seconds = exchange(port, raw + b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n", timeout=10)
            want = expected[method] if expected else 400
            check(codes == [want] and closed and seconds < 5,
                  f"{method.decode()} Content-Length {length}: {codes} closed={closed} {seconds:.1f}s, expected [{want}]")
    big_head = b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-F%d: %s\r\n" % (i, b"f" * 1000) for i in range(60)) + b"\r\n"
    codes, _, _, _ = exchange(port, big_head)
    check(codes == [431], f"60 KB head in one write: {codes}")
    with connect(port) as s:
        s.sendall(b"POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 40000\r\n\r\n")
        time.sleep(0.3)
        s.sendall(b"b" * 40000 + b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data, _ = read_all(s)
    check(statuses(data) == [405, 200], f"unread 40 KB body then a request: {statuses(data)}")
    codes, _, _, _ = exchange(port, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: foo\r\n\r\n"
                                    b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    check(codes == [200, 200], f"request pipelined after an ignored Upgrade: {codes}")
    for host in (b"evil.com/x?", b"127.0.0.1@evil.com", b"a b"):
        codes, data, _, _ = exchange(port, b"GET /items HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
        check(codes == [400] and b"evil.com/x" not in data, f"Host {host!r}: {codes}")
    for raw, name in ((b"GET /health HTTP/1.1\r\n\r\n", "missing Host"),
                      (b"GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "duplicate Host")):
        codes, _, _, _ = exchange(port, raw)
        check(codes == [400], f"{name}: {codes}")
    codes, _, _, _ = exchange(port, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: evil\r\nConnection: close\r\n\r\n")
    check(codes == [200], f"X-Forwarded-For evil: {codes}")
    server.alive("framing")


def slow_client_cases(server):
    port = server.port
    results = {}

    def run(name, raw, trickle=False):
        start = time.monotonic()
        with connect(port, timeout=40) as s:
            s.sendall(raw)
            if trickle:
                try:
                    for _ in range(30):
                        s.sendall(b"a")
                        time.sleep(1)
                except OSError:
                    pass
            data, closed = read_all(s)
        results[name] = (statuses(data), closed, time.monotonic() - start)

    post = b"POST /items/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
    threads = [
        threading.Thread(target=run, args=("body at 1 byte/s", post + b"\r\n", True)),
        threading.Thread(target=run, args=("Content-Length 100 and no body", post + b"\r\n")),
        threading.Thread(target=run, args=("Expect: 100-continue and no body", post + b"Expect: 100-continue\r\n\r\n")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name, (codes, closed, seconds) in results.items():
        check(codes == [408] and closed and seconds < 20, f"{name}: {codes} closed={closed} after {seconds:.1f}s")
    server.alive("slow bodies")

    # Pipelining without reading: memory stays bounded.
    before = rss_kib(server.process.pid)
    sockets = []
    for _ in range(5):
        s = connect(port)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.setblocking(False)
        request = b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n"
        try:
            for _ in range(20000):
                s.send(request)
        except BlockingIOError:
            pass
        sockets.append(s)
    time.sleep(3)
    grown = (rss_kib(server.process.pid) - before) / 1024
    check(grown < 100, f"5 connections pipelining /openapi.json unread: RSS grew {grown:.0f} MiB")
    for s in sockets:
        s.close()
    server.alive("unread pipelined responses")

    # Half-close: the answer still arrives.
    lost = 0
    for _ in range(200):
        codes, _, _, _ = exchange(port, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n", half_close=True)
        lost += codes != [200]
    check(lost == 0, f"half-closed connections lost {lost} of 200 responses")
    server.alive("half-close")


def shutdown_cases(binary):
    # A partial head does not hold SIGTERM; a second SIGTERM ends a graceful shutdown that waits.
    server = Server(binary)
    partial = connect(server.port)
    partial.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Partial")
    time.sleep(0.3)
    start = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    code = server.process.wait(timeout=30)
    seconds = time.monotonic() - start
    check(code == 0 and seconds < 3, f"SIGTERM with a partial head open: exit {code} after {seconds:.1f}s")
    partial.close()

    server = Server(binary)
    slow = connect(server.port)
    slow.sendall(b"POST /items/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
    time.sleep(0.3)
    start = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    check(server.process.poll() is None, "graceful shutdown waits for the request in flight")
    server.process.send_signal(signal.SIGTERM)
    code = server.process.wait(timeout=30)
    seconds = time.monotonic() - start
    check(seconds < 3, f"second SIGTERM: exit {code} after {seconds:.1f}s")
    slow.close()


def report():
    if FAILURES:
        print(f"\n{len(FAILURES)} hostile-input check(s) failed", flush=True)
        return 1
    print("\nall hostile-input checks passed", flush=True)
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    server = Server(args.binary)
    try:
        for name, cases in (("JSON", json_cases), ("framing", framing_cases), ("slow clients", slow_client_cases)):
            start = time.monotonic()
            cases(server)
            print(f"== {name} cases done in {time.monotonic() - start:.1f}s", flush=True)
        log = server.log_text()
        check('"evil"' not in log and "evil -" not in log, "X-Forwarded-For 'evil' reached the access log")
        check("Unhandled error" not in log, "an error was logged as unhandled (a 500)")
        server.process.send_signal(signal.SIGTERM)
        code = server.process.wait(timeout=40)
        check(code == 0, f"SIGTERM after the suite: exit {code}")
    finally:
        if server.process.poll() is None:
            server.process.kill()
    shutdown_cases(args.binary)
    return report()


if __name__ == "__main__":
    sys.exit(main())
