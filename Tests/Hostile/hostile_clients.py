"""Hostile-input suite: the example service, over real sockets, against what an attacker sends.

Starts the example binary, sends each hostile input (deep JSON nesting up to 10^6, 10^5-key objects in every
position, malformed HTTP framing, slow and never-reading clients, smuggling attempts, bad Host and forwarded
headers, WebSocket handshakes with thousands of offers, messages in 5 x 10^5 frames, stalled handshakes), and checks each answer is the documented 4xx. Between cases and at the end the process must still be
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


WS_KEY = b"dGhlIHNhbXBsZSBub25jZQ=="


def ws_handshake(extra=b"", path=b"/ws/echo"):
    return (b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + WS_KEY + b"\r\n" + extra + b"\r\n")


def ws_frame(opcode, payload, fin=True):
    """A masked client frame (the mask is zero, so the payload goes as is)."""
    first = (0x80 if fin else 0) | opcode
    length = len(payload)
    if length < 126:
        head = bytes([first, 0x80 | length])
    elif length < 65536:
        head = bytes([first, 0x80 | 126]) + length.to_bytes(2, "big")
    else:
        head = bytes([first, 0x80 | 127]) + length.to_bytes(8, "big")
    return head + b"\0\0\0\0" + payload


def ws_exchange(port, raw, expect, timeout=30.0):
    """Sends a handshake and frames, reads until `expect` bytes (or the end); returns (head, rest, seconds)."""
    start = time.monotonic()
    with connect(port, timeout) as s:
        def send():
            try:
                s.sendall(raw)
            except OSError:
                pass  # the server closed first (a message over the limit); what it answered is read below

        sender = threading.Thread(target=send)
        sender.start()
        data = b""
        try:
            while expect not in data:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except (ConnectionResetError, socket.timeout, TimeoutError):
            pass
        s.shutdown(socket.SHUT_RDWR)
        sender.join()
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest, time.monotonic() - start


def ws_echo_of_fragments(port, count):
    """A text message of `count` one-byte frames (one start, count - 2 continuations, a final one), then "end"."""
    frames = [ws_frame(0x1, b"a", fin=False)] + [ws_frame(0x0, b"a", fin=False)] * (count - 2) + [ws_frame(0x0, b"a")]
    raw = ws_handshake() + b"".join(frames) + ws_frame(0x1, b"end") + ws_frame(0x8, b"\x03\xe8")
    head, rest, seconds = ws_exchange(port, raw, b"\x81\x03end")
    return head, rest, seconds


def websocket_cases(server):
    port = server.port
    # A handshake that never completes is cut at the head timeout (10 s) like any request.
    stalled = {}

    def stall():
        start = time.monotonic()
        with connect(port, timeout=40) as s:
            s.sendall(ws_handshake()[:-2])
            data, closed = read_all(s)
        stalled["result"] = (statuses(data), closed, time.monotonic() - start)

    staller = threading.Thread(target=stall)
    staller.start()

    # Subprotocol offers: as many as a 32 KiB head holds (15,000) are parsed in linear time; more is a 431.
    timings = {}
    for count in (1_000, 15_000):
        offers = b"Sec-WebSocket-Protocol: " + b",".join([b"a"] * count) + b"\r\n"
        head, _, seconds = ws_exchange(port, ws_handshake(offers) + ws_frame(0x8, b"\x03\xe8"), b"\x88")
        timings[count] = seconds
        check(head.startswith(b"HTTP/1.1 101") and seconds < 1.0, f"{count} subprotocol offers: {head[:40]!r} {seconds:.2f}s")
    codes, _, _, _ = exchange(port, ws_handshake(b"Sec-WebSocket-Protocol: " + b"a," * 100_000 + b"\r\n"))
    check(codes == [431], f"100,000 subprotocol offers (200 KB head): {codes}")
    lines = b"".join(b"Sec-WebSocket-Protocol: p%d\r\n" % i for i in range(1_000))
    head, _, seconds = ws_exchange(port, ws_handshake(lines) + ws_frame(0x8, b"\x03\xe8"), b"\x88")
    check(head.startswith(b"HTTP/1.1 101") and seconds < 1.0, f"1,000 Sec-WebSocket-Protocol lines: {head[:40]!r} {seconds:.2f}s")

    # Extension offers filling the head: thousands of parameters or offers are negotiated in linear time.
    for name, value in (("6,000 parameters", b"permessage-deflate" + b"; x=1" * 6_000),
                        ("700 offers", b", ".join([b"permessage-deflate; client_max_window_bits"] * 700)),
                        ("2,500 unknown extensions", b", ".join(b"x-ext-%d" % i for i in range(2_500)))):
        head, _, seconds = ws_exchange(port, ws_handshake(b"Sec-WebSocket-Extensions: " + value + b"\r\n")
                                       + ws_frame(0x8, b"\x03\xe8"), b"\x88")
        check(head.startswith(b"HTTP/1.1 101") and seconds < 1.0, f"Sec-WebSocket-Extensions with {name}: {head[:40]!r} {seconds:.2f}s")
    server.alive("WebSocket handshakes")

    # One message in 5 x 10^4 and 5 x 10^5 one-byte frames: reassembly is linear (ten times the frames, at most
    # twenty times the time; the 500 KB message is well under 16 MiB).
    fragments = {}
    for count in (50_000, 500_000):
        head, rest, seconds = ws_echo_of_fragments(port, count)
        fragments[count] = seconds
        echoed = head.startswith(b"HTTP/1.1 101") and b"a" * 1000 in rest and b"\x81\x03end" in rest
        check(echoed, f"a message in {count} frames: {head[:40]!r}, {len(rest)} bytes back")
    ratio = fragments[500_000] / max(fragments[50_000], 0.01)
    print(f"   fragments: 5 x 10^4 in {fragments[50_000]:.2f}s, 5 x 10^5 in {fragments[500_000]:.2f}s (ratio {ratio:.1f})")
    check(ratio < 20 and fragments[500_000] < 30, f"5 x 10^5 frames took {ratio:.1f}x the time of 5 x 10^4")
    # Fragments past the message limit: closed with 1009 as soon as the total passes 16 MiB.
    raw = ws_handshake() + ws_frame(0x2, b"b" * 65536, fin=False) + ws_frame(0x0, b"b" * 65536, fin=False) * 256
    head, rest, seconds = ws_exchange(port, raw, b"\x88")
    close = rest[rest.find(b"\x88"):][2:4]
    check(head.startswith(b"HTTP/1.1 101") and close == b"\x03\xf1", f"17 MiB in fragments: close {close!r} after {seconds:.1f}s")
    server.alive("WebSocket fragments")

    staller.join()
    codes, closed, seconds = stalled["result"]
    check(closed and codes in ([408], []) and seconds < 20, f"a handshake that never completes: {codes} closed={closed} after {seconds:.1f}s")


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
        for name, cases in (("JSON", json_cases), ("framing", framing_cases), ("slow clients", slow_client_cases),
                            ("WebSocket", websocket_cases)):
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
