#!/usr/bin/env python3
"""WebSocket server conformance client modelled on the Autobahn|Testsuite.

Usage:
    python conformance.py ws://127.0.0.1:PORT/ws/echo [--cases 1.*,5.*] [--json out.json]

The server under test must be an *echo* endpoint: every text/binary message it
receives is sent back unchanged.  Messages up to 16 MiB must be accepted.

How outcomes follow Autobahn
----------------------------
Every case below carries the Autobahn case id (e.g. "6.4.1") and a one-line
description taken from the DESCRIPTION / EXPECTATION texts of the matching
``autobahntestsuite/case/case*.py`` file of crossbario/autobahn-testsuite.
The frames sent, the timers (``killAfter`` / ``closeAfter`` /
``continueLater``) and the expectations were re-implemented from those case
files (no Autobahn code is used or needed; Autobahn's runner needs Python 2).

Grading mirrors ``Case.onConnectionLost`` of the suite:

* *behaviour*: the list of observed events (echoed messages, pongs, pings,
  "timeout" markers of the fail-fast UTF-8 cases) must equal one of the
  expected lists; the OK list is tried first, then NON-STRICT.  Anything else
  is FAILED.
* *close behaviour* (checked in Autobahn's order):
  wrong endpoint started the close            -> FAILED
  clean close required but not clean          -> UNCLEAN
  server's close code not in expected set     -> WRONG CODE
  (an absent close code, or a TCP drop, is accepted wherever Autobahn accepts it)
  the client had to drop TCP                  -> FAILED BY CLIENT
  otherwise                                   -> OK
* case-specific rules copied from the case files: for the invalid-UTF-8 cases
  a close started by the client (i.e. the server never noticed the bad
  payload) fails the case; in 7.x a WRONG CODE fails the case; 7.1.6 and
  7.13.x are INFORMATIONAL (the spec leaves them undefined); the 9.x
  performance cases are OK when the echo of the right type and length arrives
  in time (we additionally compare content, which Autobahn marks FIXME).
* Autobahn shows the behaviour as its headline result and the close
  behaviour as a second column.  This tool folds both into one grade:
  FAILED if either is FAILED/UNCLEAN; else INFORMATIONAL if the case is
  informational; else NON-STRICT if the behaviour is NON-STRICT or the close
  is WRONG CODE / FAILED BY CLIENT; else OK.  Exit status is 1 when any case
  FAILED (``--strict`` also counts NON-STRICT).

Fail fast on UTF-8: for 6.4.x the suite's OK outcome is that the server fails
the connection right after the frame/chop that makes the text invalid (only
timeout "A" observed); failing only when the message is complete (timeouts
"A" and "B") is NON-STRICT.  For the other invalid-UTF-8 cases a close with
1007, or a TCP drop, is OK; another close code is WRONG CODE (NON-STRICT).

Implementation: the opening handshake, parsing of everything the server sends
and all well-formed frames we send use ``wsproto`` (sans-IO).  Frames wsproto
will not produce (reserved bits/opcodes, fragmented or oversized control
frames, continuation without start, invalid UTF-8, bad close codes/payloads,
frames after our close, chops inside one frame) are built here by hand with
``struct``, masked as RFC 6455 requires for a client.  Autobahn's ``rsv``
argument is kept: rsv=N sets the three RSV bits to N (N=4 is RSV1).

Deliberate differences from the case files: 3.6 is described as a Ping with
RSV = 6 but Autobahn's code sends a binary frame; we send the Ping it
describes (same expected outcome).  5000 and 65535 (7.13.x) are graded
INFORMATIONAL as in the suite ("undefined by the spec"); the server's answer
is shown in the report.  Timers can be stretched with --timer-scale for slow
(debug) servers.  The server must not send its own pings or messages: they
count as unexpected events, exactly as in Autobahn.

Covered: 1.x, 2.x, 3.x, 4.x, 5.x, 6.x (6.1-6.23, the complete corpus of
case6_x_x.py), 7.x (7.1, 7.3, 7.5, 7.7, 7.9, 7.13), 9.1-9.8 and 10.1.1 --
301 cases.  Not covered: 9.9.1 (unbounded message, > 16 MiB), 12.x/13.x
(permessage-deflate) and Autobahn's client-testing mode.

Requirements: Python >= 3.9 and wsproto (see requirements.txt).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import select
import socket
import struct
import sys
import time
import urllib.parse

from wsproto import ConnectionType, WSConnection
from wsproto.connection import ConnectionState
from wsproto.frame_protocol import CloseReason
from wsproto.events import (
    AcceptConnection,
    BytesMessage,
    CloseConnection,
    Ping,
    Pong,
    RejectConnection,
    RejectData,
    Request,
    TextMessage,
)

# ---------------------------------------------------------------------------
# grades (names as Autobahn uses them)

OK = "OK"
NON_STRICT = "NON-STRICT"
FAILED = "FAILED"
INFORMATIONAL = "INFORMATIONAL"
WRONG_CODE = "WRONG CODE"
UNCLEAN = "UNCLEAN"
FAILED_BY_CLIENT = "FAILED BY CLIENT"

# Autobahn protocol defaults
CLOSE_HANDSHAKE_TIMEOUT = 1.0  # we sent close, server must answer within this
SERVER_DROP_TIMEOUT = 1.0  # after the close handshake the server must drop TCP

OPC_CONT, OPC_TEXT, OPC_BINARY, OPC_CLOSE, OPC_PING, OPC_PONG = 0, 1, 2, 8, 9, 10

# close codes wsproto will put on the wire unchanged (others are sent raw)
_WSPROTO_SENDABLE_CODES = set(range(1000, 1004)) | set(range(1007, 1015)) | set(range(3000, 5000))


def mask_payload(data: bytes, key: bytes) -> bytes:
    n = len(data)
    if n == 0:
        return b""
    k = (key * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "big") ^ int.from_bytes(k, "big")).to_bytes(n, "big")


def raw_frame(opcode: int, payload: bytes = b"", fin: bool = True, rsv: int = 0) -> bytes:
    """A masked client frame built by hand; accepts anything (bad opcodes, RSV, sizes)."""
    b0 = (0x80 if fin else 0) | ((rsv & 7) << 4) | (opcode & 0x0F)
    n = len(payload)
    if n < 126:
        hdr = struct.pack("!BB", b0, 0x80 | n)
    elif n < 65536:
        hdr = struct.pack("!BBH", b0, 0x80 | 126, n)
    else:
        hdr = struct.pack("!BBQ", b0, 0x80 | 127, n)
    key = os.urandom(4)
    return hdr + key + mask_payload(payload, key)


def close_payload(code: int | None = None, reason: bytes = b"") -> bytes:
    if code is None:
        return reason
    return struct.pack("!H", code) + reason


def utf8_ok(b: bytes) -> bool:
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def repeat_to(pattern: bytes, n: int) -> bytes:
    """Autobahn's payload_len: repeat the pattern up to n octets."""
    return (pattern * (n // len(pattern) + 1))[:n]


# event constructors (Autobahn's received/expected tuples)
def M(payload, binary=False):
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return ("message", bytes(payload), binary)


def PONG(payload=b""):
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return ("pong", bytes(payload))


def TIMEOUT(tag):
    return ("timeout", tag)


def fmt_event(e) -> str:
    kind = e[0]
    if kind in ("message", "pong", "ping"):
        p = e[1]
        shown = p[:24]
        try:
            txt = repr(shown.decode("utf-8"))
        except UnicodeDecodeError:
            txt = "0x" + shown.hex()
        if len(p) > 24:
            txt += "..."
        if kind == "message":
            return "%s(%s, %d B: %s)" % (kind, "binary" if e[2] else "text", len(p), txt)
        return "%s(%d B: %s)" % (kind, len(p), txt)
    if kind == "timeout":
        return "timeout(%s)" % e[1]
    return "%s(%s)" % (kind, e[1])


def fmt_events(lst) -> str:
    if len(lst) > 6:
        return "[" + ", ".join(fmt_event(e) for e in lst[:6]) + ", ... (%d events)]" % len(lst)
    return "[" + ", ".join(fmt_event(e) for e in lst) + "]"


class HandshakeFailed(Exception):
    pass


# ---------------------------------------------------------------------------
# one WebSocket connection driven synchronously (select) per case


class Session:
    def __init__(self, url: str, hard_timeout: float, timer_scale: float = 1.0):
        u = urllib.parse.urlparse(url)
        if u.scheme != "ws":
            raise SystemExit("only ws:// URLs are supported")
        self.host = u.hostname or "127.0.0.1"
        self.port = u.port or 80
        self.target = (u.path or "/") + (("?" + u.query) if u.query else "")
        self.timer_scale = timer_scale
        self.t_start = time.monotonic()
        self.hard_deadline = self.t_start + hard_timeout
        self.hard_timeout_hit = False

        # Autobahn-style bookkeeping
        self.received: list = []
        self.keep_payloads = True
        self.msg_count = 0
        self.last_msg = None
        self.expected: dict = {}
        self.expected_close: dict | None = None
        self.suppress_close = False

        self.opened = False
        self.sent_close = False
        self.recv_close = False
        self.closed_by_me = False
        self.was_clean = False
        self.not_clean_reason = None
        self.dropped_by_me = False
        self.tcp_closed = False
        self.remote_code = None
        self.remote_reason = None
        self.close_sent_at = None
        self.handshake_done_at = None
        self.violations: list = []
        self.write_error = None
        self.notes: list = []
        self.frames_wsproto = 0
        self.frames_raw = 0

        self._parts: list = []
        self._part_binary = None
        self._pending: list = []  # control frames to write after the current frame
        self._ws_msg = None  # opcode of a data message started through wsproto
        self._ws_stale = False  # raw data frame sent inside a wsproto message

        self.sock = socket.create_connection((self.host, self.port), timeout=5)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.ws = WSConnection(ConnectionType.CLIENT)
        self._handshake()

    # -- handshake ---------------------------------------------------------
    def _handshake(self):
        hostport = "%s:%d" % (self.host, self.port)
        self.sock.sendall(self.ws.send(Request(host=hostport, target=self.target)))
        early = []
        while True:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                raise HandshakeFailed("no handshake response within 5 s")
            if not data:
                raise HandshakeFailed("connection closed during opening handshake")
            self.ws.receive_data(data)
            accepted = False
            for ev in self.ws.events():
                if isinstance(ev, AcceptConnection):
                    accepted = True
                elif isinstance(ev, (RejectConnection, RejectData)):
                    raise HandshakeFailed("server rejected the WebSocket upgrade: %r" % (ev,))
                else:
                    early.append(ev)
            if accepted:
                break
        self.sock.setblocking(False)
        self.opened = True
        self.t_open = time.monotonic()
        for ev in early:
            self._handle(ev)
        # frames that arrived in the same segment as the 101 response
        for ev in self.ws.events():
            self._handle(ev)

    # -- state -------------------------------------------------------------
    def is_open(self) -> bool:
        """Autobahn's STATE_OPEN: no close frame either way, TCP up."""
        return not (self.sent_close or self.recv_close or self.tcp_closed)

    def expect(self, ok, non_strict=None):
        self.expected = {OK: list(ok)}
        if non_strict is not None:
            self.expected[NON_STRICT] = list(non_strict)

    def expect_close(self, closed_by_me, codes, require_clean, wrong_endpoint_fatal=False):
        self.expected_close = {
            "closedByMe": closed_by_me,
            "closeCode": list(codes),
            "requireClean": require_clean,
            "closedByWrongEndpointIsFatal": wrong_endpoint_fatal,
        }

    # -- encoding: wsproto where it produces exactly this frame, else raw ---
    def _wsproto_bytes(self, opcode, payload, fin, rsv):
        if rsv:
            return None
        st = self.ws.state
        if opcode in (OPC_PING, OPC_PONG):
            if fin and len(payload) <= 125 and st is ConnectionState.OPEN:
                ev = Ping(payload=payload) if opcode == OPC_PING else Pong(payload=payload)
                return self.ws.send(ev)
            return None
        if opcode == OPC_CLOSE:
            if not fin or st not in (ConnectionState.OPEN, ConnectionState.REMOTE_CLOSING):
                return None
            if len(payload) == 0:
                return self.ws.send(CloseConnection(code=CloseReason.NO_STATUS_RCVD))  # wsproto: empty close
            if len(payload) < 2 or len(payload) > 125:
                return None
            code = struct.unpack("!H", payload[:2])[0]
            reason = payload[2:]
            if code not in _WSPROTO_SENDABLE_CODES or not utf8_ok(reason):
                return None
            return self.ws.send(CloseConnection(code=code, reason=reason.decode("utf-8") or None))
        if opcode in (OPC_TEXT, OPC_BINARY, OPC_CONT) and st is ConnectionState.OPEN and not self._ws_stale:
            if opcode == OPC_CONT:
                if self._ws_msg is None:
                    return None
                kind = self._ws_msg
            else:
                if self._ws_msg is not None:
                    return None
                kind = opcode
            if kind == OPC_TEXT:
                if not utf8_ok(payload):
                    return None
                ev = TextMessage(data=payload.decode("utf-8"), message_finished=fin)
            else:
                ev = BytesMessage(data=payload, message_finished=fin)
            data = self.ws.send(ev)
            self._ws_msg = None if fin else kind
            return data
        return None

    def encode(self, opcode, payload=b"", fin=True, rsv=0, force_raw=False) -> bytes:
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        data = None if force_raw else self._wsproto_bytes(opcode, payload, fin, rsv)
        if data is None:
            if opcode in (OPC_TEXT, OPC_BINARY, OPC_CONT) and self._ws_msg is not None:
                self._ws_stale = True  # wsproto's view of the message is now wrong
            self.frames_raw += 1
            return raw_frame(opcode, payload, fin, rsv)
        self.frames_wsproto += 1
        return bytes(data)

    # -- sending -----------------------------------------------------------
    def send_frame(self, opcode, payload=b"", fin=True, rsv=0, chop=None, sync=False, force_raw=False):
        data = self.encode(opcode, payload, fin, rsv, force_raw)
        self.write(data, chop=chop, sync=sync)
        if opcode == OPC_CLOSE and fin and rsv == 0:
            self._mark_close_sent()
        self._flush_pending()

    def send_close(self, code=None, reason=b"", chop=None, sync=False):
        if isinstance(reason, str):
            reason = reason.encode("utf-8")
        self.send_frame(OPC_CLOSE, close_payload(code, reason), chop=chop, sync=sync)

    def _mark_close_sent(self):
        if not self.sent_close:
            self.sent_close = True
            self.close_sent_at = time.monotonic()
            if not self.recv_close:
                self.closed_by_me = True
            else:
                self.was_clean = True
                self.handshake_done_at = time.monotonic()

    def write(self, data: bytes, chop=None, sync=False):
        if chop:
            chunks = [data[i:i + chop] for i in range(0, len(data), chop)]
            pause = 0.0005 if len(chunks) <= 512 else 0.0
            for c in chunks:
                if not self._send_all(c):
                    return False
                if pause:
                    time.sleep(pause)
            return True
        ok = self._send_all(data)
        if sync:
            time.sleep(0.002)
        return ok

    def _send_all(self, data) -> bool:
        mv = memoryview(data)
        while len(mv):
            if self.tcp_closed or self.write_error:
                return False
            now = time.monotonic()
            if now >= self.hard_deadline:
                self.write_error = "case timeout while writing"
                self.hard_timeout_hit = True
                return False
            r, w, _ = select.select([self.sock], [self.sock], [], min(0.5, self.hard_deadline - now))
            if r:
                self._read_once()
                if self.tcp_closed:
                    return False
            if w:
                try:
                    n = self.sock.send(mv[: 1 << 20])
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError as e:
                    self.write_error = "write failed: %s" % e
                    return False
                mv = mv[n:]
        return True

    def _flush_pending(self):
        while self._pending and not self.tcp_closed:
            kind, arg = self._pending.pop(0)
            if kind == "pong":
                if not self.sent_close:
                    self.write(self.encode(OPC_PONG, arg))
            elif kind == "close":
                if not self.sent_close:
                    code, reason = arg
                    self.write(self.encode(OPC_CLOSE, close_payload(code, reason)))
                    self._mark_close_sent()
            elif kind == "close-reply":
                if not self.sent_close:
                    self.write(self.ws.send(arg) if self.ws.state is ConnectionState.REMOTE_CLOSING
                               else raw_frame(OPC_CLOSE, close_payload(arg.code if arg.code != 1005 else None)))
                    self._mark_close_sent()

    # -- receiving ---------------------------------------------------------
    def _read_once(self):
        try:
            data = self.sock.recv(1 << 20)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as e:
            self.notes.append("recv error: %s" % e)
            data = b""
        if not data:
            self._tcp_gone()
            return
        if self.ws.state is ConnectionState.CLOSED:
            self.notes.append("server sent %d octets after the close handshake" % len(data))
            return
        self.ws.receive_data(data)
        for ev in self.ws.events():
            self._handle(ev)

    def _tcp_gone(self):
        if not self.tcp_closed:
            self.tcp_closed = True
            self.tcp_closed_at = time.monotonic()
            if not (self.sent_close and self.recv_close):
                self.was_clean = False
                if self.not_clean_reason is None:
                    self.not_clean_reason = "TCP closed by server without completed close handshake"
            try:
                self.sock.close()
            except OSError:
                pass

    def _drop(self, reason):
        if not self.tcp_closed:
            self.was_clean = False
            self.not_clean_reason = reason
            self.dropped_by_me = True
            self.tcp_closed = True
            self.tcp_closed_at = time.monotonic()
            try:
                self.sock.close()
            except OSError:
                pass

    def _record(self, ev):
        if self.keep_payloads:
            self.received.append(ev)
        self._finish_when_done()

    def _handle(self, ev):
        if isinstance(ev, (TextMessage, BytesMessage)):
            binary = isinstance(ev, BytesMessage)
            self._part_binary = binary
            self._parts.append(ev.data.encode("utf-8") if not binary else bytes(ev.data))
            if ev.message_finished:
                payload = b"".join(self._parts)
                self._parts = []
                self.msg_count += 1
                self.last_msg = (payload, binary)
                self._record(("message", payload, binary))
        elif isinstance(ev, Ping):
            self._pending.append(("pong", bytes(ev.payload)))
            self._record(("ping", bytes(ev.payload)))
        elif isinstance(ev, Pong):
            self._record(("pong", bytes(ev.payload)))
        elif isinstance(ev, CloseConnection):
            # wsproto turns a parse failure into a synthetic CloseConnection
            # without changing its state; a real close frame moves the state
            # to REMOTE_CLOSING or CLOSED before the event is yielded.
            if self.ws.state in (ConnectionState.OPEN, ConnectionState.LOCAL_CLOSING):
                msg = "server sent an invalid frame (wsproto: %s)" % ev.reason
                self.violations.append(msg)
                self.received.append(("violation", msg))
                self._pending.append(("close", (1002, b"")))  # fail the connection
                return
            self.recv_close = True
            self.remote_code = None if int(ev.code) == 1005 else int(ev.code)
            self.remote_reason = ev.reason
            if self.sent_close:
                self.was_clean = True
                self.handshake_done_at = time.monotonic()
            else:
                self.closed_by_me = False
                # Autobahn echoes the peer's close code in its reply
                self._pending.append(("close-reply", ev.response()))

    def _finish_when_done(self):
        # Autobahn's finishWhenDone: once the events match (every) expected
        # outcome, start the closing handshake ourselves if that is expected.
        if not self.expected or not self.expected_close or self.suppress_close:
            return
        if self.sent_close or self.recv_close:
            return
        for exp in self.expected.values():
            if self.received != exp:
                return
        if self.expected_close["closedByMe"]:
            self._pending.append(("close", (self.expected_close["closeCode"][0], b"")))

    # -- timers --------------------------------------------------------------
    def _check_close_timers(self):
        if self.tcp_closed:
            return
        now = time.monotonic()
        if self.sent_close and not self.recv_close:
            if now - self.close_sent_at > CLOSE_HANDSHAKE_TIMEOUT * self.timer_scale:
                self._drop("closing handshake timeout (server did not answer our close frame)")
        elif self.sent_close and self.recv_close:
            if now - self.handshake_done_at > SERVER_DROP_TIMEOUT * self.timer_scale:
                self._drop("server did not drop TCP connection (in time)")
        elif self.write_error and not self.sent_close:
            # we cannot write any more; wait for the server to go away
            pass

    def pump(self, duration=None, stop=None, scale=True):
        """Process incoming data for `duration` seconds (or until TCP closes / stop())."""
        if duration is not None and scale:
            duration *= self.timer_scale
        end = self.hard_deadline if duration is None else min(self.hard_deadline, time.monotonic() + duration)
        while not self.tcp_closed:
            self._flush_pending()
            self._check_close_timers()
            if self.tcp_closed or (stop is not None and stop()):
                break
            now = time.monotonic()
            if now >= end:
                break
            try:
                r, _, _ = select.select([self.sock], [], [], min(end - now, 0.05))
            except (OSError, ValueError):
                self._tcp_gone()
                break
            if r:
                self._read_once()
        if time.monotonic() >= self.hard_deadline and not self.tcp_closed:
            self.hard_timeout_hit = True

    def wait(self, seconds) -> bool:
        """Autobahn continueLater: let `seconds` pass; return whether still OPEN."""
        self.pump(seconds, stop=lambda: not self.is_open())
        return self.is_open()

    def kill_after(self, seconds):
        """Autobahn killAfter: after `seconds`, fail the connection (close 1001)."""
        self.pump(seconds)
        if not self.tcp_closed and not self.sent_close:
            self._pending.append(("close", (1001, b"")))
        self.finish()

    def close_after(self, seconds):
        """Autobahn closeAfter: after `seconds`, start a normal close."""
        self.pump(seconds)
        if not self.tcp_closed and not self.sent_close:
            self._pending.append(("close", (1000, b"")))
        self.finish()

    def finish(self):
        self.pump(None)
        if not self.tcp_closed:
            self.hard_timeout_hit = True
            self._drop("case timeout")
        self.t_end = time.monotonic()


# ---------------------------------------------------------------------------
# case registry


class CaseDef:
    def __init__(self, cid, desc, expectation, fn, info=False, wrong_code_fails=False,
                 perf=False, waitsecs=None, custom=None):
        self.id = cid
        self.desc = desc
        self.expectation = expectation
        self.fn = fn
        self.info = info
        self.wrong_code_fails = wrong_code_fails
        self.perf = perf
        self.waitsecs = waitsecs
        self.custom = custom  # for 9.x / 7.1.6: fn(session) -> (behavior, result)

    @property
    def key(self):
        return tuple(int(x) for x in self.id.split("."))


CASES: list[CaseDef] = []


def case(cid, desc, expectation, **kw):
    def deco(fn):
        CASES.append(CaseDef(cid, desc, expectation, fn, **kw))
        return fn
    return deco


def add(cid, desc, expectation, fn, **kw):
    CASES.append(CaseDef(cid, desc, expectation, fn, **kw))


NORMAL_CLOSE = dict(closed_by_me=True, codes=[1000], require_clean=True)
FAIL_1002 = dict(closed_by_me=False, codes=[1002], require_clean=False)
FAIL_1007 = dict(closed_by_me=False, codes=[1007], require_clean=False, wrong_endpoint_fatal=True)

# ---- 1.x framing -----------------------------------------------------------

_LENS = [(1, 0), (2, 125), (3, 126), (4, 127), (5, 128), (6, 65535), (7, 65536), (8, 65536)]


def _c1(binary, n, chop):
    def fn(s):
        payload = (b"\xfe" if binary else b"*") * n
        s.expect([M(payload, binary)])
        s.expect_close(**NORMAL_CLOSE)
        s.send_frame(OPC_BINARY if binary else OPC_TEXT, payload, chop=chop)
        s.kill_after(10 if n > 128 else 1)
    return fn


for _sub, _binary in ((1, False), (2, True)):
    for _i, _n in _LENS:
        _kind = "binary" if _binary else "text"
        _chop = 997 if _i == 8 else None
        add("1.%d.%d" % (_sub, _i),
            "Send %s message with payload of length %d%s." % (_kind, _n, ". Sent out data in chops of 997 octets" if _chop else ""),
            "Receive echo'ed %s message (with payload as sent). Clean close with normal code." % _kind,
            _c1(_binary, _n, _chop))

# ---- 2.x pings/pongs -------------------------------------------------------


def _ping_case(payload, chop=None, after=1):
    def fn(s):
        s.expect([PONG(payload)])
        s.expect_close(**NORMAL_CLOSE)
        s.send_frame(OPC_PING, payload, chop=chop)
        s.close_after(after)
    return fn


add("2.1", "Send ping without payload.", "Pong (with empty payload) is sent in reply to Ping. Clean close with normal code.", _ping_case(b""))
add("2.2", "Send ping with small text payload.", "Pong with payload echo'ed is sent in reply to Ping. Clean close with normal code.", _ping_case(b"Hello, world!"))
add("2.3", "Send ping with small binary (non UTF-8) payload.", "Pong with payload echo'ed is sent in reply to Ping. Clean close with normal code.", _ping_case(b"\x00\xff\xfe\xfd\xfc\xfb\x00\xff"))
add("2.4", "Send ping with binary payload of 125 octets.", "Pong with payload echo'ed is sent in reply to Ping. Clean close with normal code.", _ping_case(b"\xfe" * 125))


@case("2.5", "Send ping with binary payload of 126 octets.",
      "Connection is failed immediately (1002/Protocol Error), since control frames are only allowed to have payload up to and including 125 octets.")
def _c2_5(s):
    s.expect([])
    s.expect_close(**FAIL_1002)
    s.send_frame(OPC_PING, b"\xfe" * 126)
    s.kill_after(1)


add("2.6", "Send ping with binary payload of 125 octets, send in octet-wise chops.",
    "Pong with payload echo'ed is sent in reply to Ping. Implementations must be TCP clean. Clean close with normal code.",
    _ping_case(b"\xfe" * 125, chop=1, after=2))


def _unsolicited_pong(payload, then_ping=None):
    def fn(s):
        s.expect([PONG(then_ping)] if then_ping else [])
        s.expect_close(**NORMAL_CLOSE)
        s.send_frame(OPC_PONG, payload)
        if then_ping:
            s.send_frame(OPC_PING, then_ping)
        else:
            s.send_close(1000)
        s.close_after(1)
    return fn


add("2.7", "Send unsolicited pong without payload. Verify nothing is received. Clean close with normal code.", "Nothing.", _unsolicited_pong(b""))
add("2.8", "Send unsolicited pong with payload. Verify nothing is received. Clean close with normal code.", "Nothing.", _unsolicited_pong(b"unsolicited pong payload"))
add("2.9", "Send unsolicited pong with payload. Send ping with payload. Verify pong for ping is received.",
    "Nothing in reply to own Pong, but Pong with payload echo'ed in reply to Ping. Clean close with normal code.",
    _unsolicited_pong(b"unsolicited pong payload", b"ping payload"))


def _ten_pings(chop):
    def fn(s):
        payloads = [b"payload-%d" % i for i in range(10)]
        s.expect([PONG(p) for p in payloads])
        s.expect_close(**NORMAL_CLOSE)
        for p in payloads:
            s.send_frame(OPC_PING, p, chop=chop)
        s.close_after(3)
    return fn


add("2.10", "Send 10 Pings with payload.", "Pongs for our Pings with all the payloads (not required by the spec, but checked). Clean close with normal code.", _ten_pings(None))
add("2.11", "Send 10 Pings with payload. Send out octets in octet-wise chops.", "Pongs for our Pings with all the payloads (not required by the spec, but checked). Clean close with normal code.", _ten_pings(1))

# ---- 3.x reserved bits -----------------------------------------------------

_HELLO = b"Hello, world!"


def _rsv_single(opcode, payload, rsv):
    def fn(s):
        s.expect([])
        s.expect_close(**FAIL_1002)
        s.send_frame(opcode, payload, rsv=rsv)
        s.kill_after(1)
    return fn


def _rsv_then_ping(rsv, chop=None, sync=False):
    def fn(s):
        s.expect([M(_HELLO)], non_strict=[])
        s.expect_close(**FAIL_1002)
        s.send_frame(OPC_TEXT, _HELLO, chop=chop, sync=sync)
        s.send_frame(OPC_TEXT, _HELLO, rsv=rsv, chop=chop, sync=sync)
        s.send_frame(OPC_PING, b"", chop=chop, sync=sync)
        s.kill_after(1)
    return fn


_RSV_EXP = "Echo for first message is received, but then connection is failed immediately, since RSV must be 0, when no extension defining RSV meaning has been negotiated. The Pong is not received."
add("3.1", "Send small text message with RSV = 1.", "The connection is failed immediately (1002/protocol error), since RSV must be 0, when no extension defining RSV meaning has been negotiated.", _rsv_single(OPC_TEXT, _HELLO, 1))
add("3.2", "Send small text message, then send again with RSV = 2, then send Ping.", _RSV_EXP, _rsv_then_ping(2))
add("3.3", "Send small text message, then send again with RSV = 3, then send Ping. Octets are sent in frame-wise chops.", _RSV_EXP, _rsv_then_ping(3, sync=True))
add("3.4", "Send small text message, then send again with RSV = 4, then send Ping. Octets are sent in octet-wise chops.", _RSV_EXP, _rsv_then_ping(4, chop=1))
add("3.5", "Send small binary message with RSV = 5.", "The connection is failed immediately, since RSV must be 0.", _rsv_single(OPC_BINARY, b"\x00\xff\xfe\xfd\xfc\xfb\x00\xff", 5))
# Autobahn's case3_6.py describes a Ping but actually sends a binary frame; we send the Ping it describes.
add("3.6", "Send Ping with RSV = 6.", "The connection is failed immediately, since RSV must be 0.", _rsv_single(OPC_PING, _HELLO, 6))
add("3.7", "Send Close with RSV = 7.", "The connection is failed immediately, since RSV must be 0.", _rsv_single(OPC_CLOSE, b"", 7))

# ---- 4.x reserved opcodes --------------------------------------------------


def _opcode_single(opcode, payload):
    def fn(s):
        s.expect([])
        s.expect_close(**FAIL_1002)
        s.send_frame(opcode, payload)
        s.kill_after(1)
    return fn


def _opcode_then_ping(opcode, payload, chop=None):
    def fn(s):
        s.expect([M(_HELLO)], non_strict=[])
        s.expect_close(**FAIL_1002)
        s.send_frame(OPC_TEXT, _HELLO, chop=chop)
        s.send_frame(opcode, payload, chop=chop)
        s.send_frame(OPC_PING, b"", chop=chop)
        s.kill_after(1)
    return fn


_OPC_EXP = "Echo for first message is received, but then connection is failed immediately, since reserved opcode frame is used. A Pong is not received."
for _base, _kind, _ops in ((1, "non-control", (3, 4, 5, 6, 7)), (2, "control", (11, 12, 13, 14, 15))):
    _o = _ops
    add("4.%d.1" % _base, "Send frame with reserved %s Opcode = %d." % (_kind, _o[0]), "The connection is failed immediately.", _opcode_single(_o[0], b""))
    add("4.%d.2" % _base, "Send frame with reserved %s Opcode = %d and non-empty payload." % (_kind, _o[1]), "The connection is failed immediately.", _opcode_single(_o[1], b"reserved opcode payload"))
    add("4.%d.3" % _base, "Send small text message, then send frame with reserved %s Opcode = %d, then send Ping." % (_kind, _o[2]), _OPC_EXP, _opcode_then_ping(_o[2], b""))
    add("4.%d.4" % _base, "Send small text message, then send frame with reserved %s Opcode = %d and non-empty payload, then send Ping." % (_kind, _o[3]), _OPC_EXP, _opcode_then_ping(_o[3], _HELLO))
    add("4.%d.5" % _base, "Send small text message, then send frame with reserved %s Opcode = %d and non-empty payload, then send Ping (octet-wise chops)." % (_kind, _o[4]), _OPC_EXP, _opcode_then_ping(_o[4], _HELLO, chop=1))

# ---- 5.x fragmentation -----------------------------------------------------


def _frames_fail(frames, repeat=1, chop=None, sync=False):
    """frames: list of (opcode, fin, payload); expect the server to fail with 1002."""
    def fn(s):
        s.expect([])
        s.expect_close(**FAIL_1002)
        for _ in range(repeat):
            for opc, fin, p in frames:
                s.send_frame(opc, p, fin=fin, chop=chop, sync=sync)
        s.kill_after(1)
    return fn


def _frag_echo(with_ping, chop=None, sync=False):
    def fn(s):
        f = [b"fragment1", b"fragment2"]
        s.expect(([PONG(b"ping payload")] if with_ping else []) + [M(b"".join(f))])
        s.expect_close(**NORMAL_CLOSE)
        s.send_frame(OPC_TEXT, f[0], fin=False, chop=chop, sync=sync)
        if with_ping:
            s.send_frame(OPC_PING, b"ping payload", chop=chop, sync=sync)
        s.send_frame(OPC_CONT, f[1], fin=True, chop=chop, sync=sync)
        s.close_after(1)
    return fn


add("5.1", "Send Ping fragmented into 2 fragments.", "Connection is failed immediately, since control message MUST NOT be fragmented.",
    _frames_fail([(OPC_PING, False, b"fragment1"), (OPC_CONT, True, b"fragment2")]))
add("5.2", "Send Pong fragmented into 2 fragments.", "Connection is failed immediately, since control message MUST NOT be fragmented.",
    _frames_fail([(OPC_PONG, False, b"fragment1"), (OPC_CONT, True, b"fragment2")]))
add("5.3", "Send text Message fragmented into 2 fragments.", "Message is processed and echo'ed back to us.", _frag_echo(False))
add("5.4", "Send text Message fragmented into 2 fragments, octets are sent in frame-wise chops.", "Message is processed and echo'ed back to us.", _frag_echo(False, sync=True))
add("5.5", "Send text Message fragmented into 2 fragments, octets are sent in octet-wise chops.", "Message is processed and echo'ed back to us.", _frag_echo(False, chop=1))
add("5.6", "Send text Message fragmented into 2 fragments, one ping with payload in-between.", "A pong is received, then the message is echo'ed back to us.", _frag_echo(True))
add("5.7", "Send text Message fragmented into 2 fragments, one ping with payload in-between. Octets are sent in frame-wise chops.", "A pong is received, then the message is echo'ed back to us.", _frag_echo(True, sync=True))
add("5.8", "Send text Message fragmented into 2 fragments, one ping with payload in-between. Octets are sent in octet-wise chops.", "A pong is received, then the message is echo'ed back to us.", _frag_echo(True, chop=1))
_NOCONT = "The connection is failed immediately, since there is no message to continue."
for _cid, _fin, _mode in (("5.9", True, "one chop"), ("5.10", True, "per-frame chops"), ("5.11", True, "octet-wise chops"),
                          ("5.12", False, "one chop"), ("5.13", False, "per-frame chops"), ("5.14", False, "octet-wise chops")):
    add(_cid, "Send unfragmented Text Message after Continuation Frame with FIN = %s, where there is nothing to continue, sent in %s." % (str(_fin).lower(), _mode), _NOCONT,
        _frames_fail([(OPC_CONT, _fin, b"non-continuation payload"), (OPC_TEXT, True, _HELLO)],
                     chop=1 if _mode == "octet-wise chops" else None, sync=_mode == "per-frame chops"))


@case("5.15", "Send text Message fragmented into 2 fragments, then Continuation Frame with FIN = false where there is nothing to continue, then unfragmented Text Message, all sent in one chop.", _NOCONT)
def _c5_15(s):
    f = [b"fragment1", b"fragment2", b"fragment3", b"fragment4"]
    s.expect([M(f[0] + f[1])], non_strict=[])
    s.expect_close(**FAIL_1002)
    s.send_frame(OPC_TEXT, f[0], fin=False)
    s.send_frame(OPC_CONT, f[1], fin=True)
    s.send_frame(OPC_CONT, f[2], fin=False)
    s.send_frame(OPC_TEXT, f[3], fin=True)
    s.kill_after(1)


add("5.16", "Repeated 2x: Continuation Frame with FIN = false (where there is nothing to continue), then text Message fragmented into 2 fragments.", _NOCONT,
    _frames_fail([(OPC_CONT, False, b"fragment1"), (OPC_TEXT, False, b"fragment2"), (OPC_CONT, True, b"fragment3")], repeat=2))
add("5.17", "Repeated 2x: Continuation Frame with FIN = true (where there is nothing to continue), then text Message fragmented into 2 fragments.", _NOCONT,
    _frames_fail([(OPC_CONT, True, b"fragment1"), (OPC_TEXT, False, b"fragment2"), (OPC_CONT, True, b"fragment3")], repeat=2))
add("5.18", "Send text Message fragmented into 2 fragments, with both frame opcodes set to text, sent in one chop.",
    "The connection is failed immediately, since all data frames after the initial data frame must have opcode 0.",
    _frames_fail([(OPC_TEXT, False, b"fragment1"), (OPC_TEXT, True, b"fragment2")]))


def _c5_19(sync):
    def fn(s):
        fr = [b"fragment%d" % i for i in range(1, 6)]
        pings = [b"pongme 1!", b"pongme 2!"]
        s.expect([PONG(pings[0]), PONG(pings[1]), M(b"".join(fr))])
        s.expect_close(**NORMAL_CLOSE)
        s.send_frame(OPC_TEXT, fr[0], fin=False, sync=sync)
        s.send_frame(OPC_CONT, fr[1], fin=False, sync=sync)
        s.send_frame(OPC_PING, pings[0], sync=sync)
        s.pump(1)  # continueLater(1) (Autobahn does not check the state here)
        s.send_frame(OPC_CONT, fr[2], fin=False, sync=sync)
        s.send_frame(OPC_CONT, fr[3], fin=False, sync=sync)
        s.send_frame(OPC_PING, pings[1], sync=sync)
        s.send_frame(OPC_CONT, fr[4], fin=True, sync=sync)
        s.close_after(1)
    return fn


add("5.19", "Fragmented text message in 5 frames; a Ping after frame 2, wait 1 s, 2 more fragments, another Ping, final fragment. Everything is legal.",
    "The peer answers the first Ping before it has received the last fragment, pongs both payloads exactly, and echoes the fragmented message.", _c5_19(False))
add("5.20", "Same as Case 5.19, but send all frames with SYNC = True (frame-wise chops).",
    "Same as Case 5.19. Implementations must be agnostic to how the octet stream is chopped up on the wire (TCP clean).", _c5_19(True))

# ---- 6.1 - 6.4 UTF-8 handling ----------------------------------------------


def _text_frames(frames, expect_payload, after=1):
    def fn(s):
        s.expect([M(expect_payload)])
        s.expect_close(**NORMAL_CLOSE)
        for opc, fin, p in frames:
            s.send_frame(opc, p, fin=fin)
        s.close_after(after)
    return fn


def _fragments(payload: bytes, size: int):
    parts = [payload[i:i + size] for i in range(0, len(payload), size)] or [b""]
    return [(OPC_TEXT if i == 0 else OPC_CONT, i == len(parts) - 1, p) for i, p in enumerate(parts)]


_HELLO_UTF8 = "Hello-µ@ßöäüàá-UTF-8!!".encode("utf-8")
_KOSME = b"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5"

add("6.1.1", "Send text message of length 0.", "A message is echo'ed back to us (with empty payload).", _text_frames([(OPC_TEXT, True, b"")], b""))
add("6.1.2", "Send fragmented text message, 3 fragments each of length 0.", "A message is echo'ed back to us (with empty payload).",
    _text_frames([(OPC_TEXT, False, b""), (OPC_CONT, False, b""), (OPC_CONT, True, b"")], b""))
add("6.1.3", "Send fragmented text message, 3 fragments, first and last of length 0, middle non-empty.", "A message is echo'ed back to us (with payload = payload of middle fragment).",
    _text_frames([(OPC_TEXT, False, b""), (OPC_CONT, False, b"middle frame payload"), (OPC_CONT, True, b"")], b"middle frame payload"))
add("6.2.1", "Send a valid UTF-8 text message in one fragment.", "The message is echo'ed back to us.", _text_frames([(OPC_TEXT, True, _HELLO_UTF8)], _HELLO_UTF8))
add("6.2.2", "Send a valid UTF-8 text message in two fragments, fragmented on UTF-8 code point boundary.", "The message is echo'ed back to us.",
    _text_frames([(OPC_TEXT, False, "Hello-µ@ßöä".encode()), (OPC_CONT, True, "üàá-UTF-8!!".encode())], _HELLO_UTF8))
add("6.2.3", "Send a valid UTF-8 text message in fragments of 1 octet, resulting in frames ending on positions which are not code point ends.",
    "The message is echo'ed back to us.", _text_frames(_fragments(_HELLO_UTF8, 1), _HELLO_UTF8))
add("6.2.4", "Send a valid UTF-8 text message (kosme) in fragments of 1 octet, resulting in frames ending on positions which are not code point ends.",
    "The message is echo'ed back to us.", _text_frames(_fragments(_KOSME, 1), _KOSME))

_INVALID_63 = _KOSME + b"\xed\xa0\x80" + b"edited"


def _invalid_text(frames):
    def fn(s):
        s.expect([])
        s.expect_close(**FAIL_1007)
        for opc, fin, p in frames:
            s.send_frame(opc, p, fin=fin)
        s.kill_after(1)
    return fn


add("6.3.1", "Send invalid UTF-8 text message unfragmented (0x%s)." % _INVALID_63.hex(), "The connection is failed immediately, since the payload is not valid UTF-8.",
    _invalid_text([(OPC_TEXT, True, _INVALID_63)]))
add("6.3.2", "Send invalid UTF-8 text message in fragments of 1 octet.", "The connection is failed immediately, since the payload is not valid UTF-8.",
    _invalid_text(_fragments(_INVALID_63, 1)))

_P641 = [_KOSME, b"\xf4\x90\x80\x80", b"edited"]
_P641_ALL = b"".join(_P641)
_P642 = [_P641_ALL[:12], _P641_ALL[12:13], _P641_ALL[13:]]
_FAILFAST_EXP = ("The first part is accepted (we time out on the first wait). The 2nd part should be rejected immediately "
                 "(fail fast on UTF-8, OK); failing only after the complete message is NON-STRICT.")


def _failfast(parts, same_frame):
    def fn(s):
        s.expect([TIMEOUT("A")], non_strict=[TIMEOUT("A"), TIMEOUT("B")])
        s.expect_close(**FAIL_1007)
        if same_frame:
            whole = raw_frame(OPC_TEXT, b"".join(parts), fin=True)
            s.frames_raw += 1
            hdr = len(whole) - len(b"".join(parts))
            cut1, cut2 = hdr + len(parts[0]), hdr + len(parts[0]) + len(parts[1])
            chunks = [whole[:cut1], whole[cut1:cut2], whole[cut2:]]
            s.write(chunks[0])
        else:
            s.send_frame(OPC_TEXT, parts[0], fin=False)
        if not s.wait(1):
            return s.finish()
        s.received.append(TIMEOUT("A"))
        if same_frame:
            s.write(chunks[1])
        else:
            s.send_frame(OPC_CONT, parts[1], fin=False)
        if not s.wait(1):
            return s.finish()
        s.received.append(TIMEOUT("B"))
        if same_frame:
            s.write(chunks[2])
        else:
            s.send_frame(OPC_CONT, parts[2], fin=True)
        s.kill_after(1)
    return fn


add("6.4.1", "Send invalid UTF-8 text message in 3 frames: valid part, wait, frame with 0xf4908080 (> U+10FFFF), wait, rest.", _FAILFAST_EXP, _failfast(_P641, False))
add("6.4.2", "Same as 6.4.1, but the 2nd frame carries only the octet making the payload invalid (0x90).", _FAILFAST_EXP, _failfast(_P642, False))
add("6.4.3", "Same as 6.4.1, but the message is one frame sent in 3 chops (with waits).", _FAILFAST_EXP, _failfast(_P641, True))
add("6.4.4", "Same as 6.4.2, but the message is one frame sent in 3 chops (with waits).", _FAILFAST_EXP, _failfast(_P642, True))

# ---- 6.5 - 6.23: UTF-8 decoder corpus (Markus Kuhn's UTF-8-test.txt, as listed in case6_x_x.py)


def _utf8_corpus():
    cats = []
    cats.append(("Some valid UTF-8 sequences", [b"hello\x24world", b"hello\xc2\xa2world", b"hello\xe2\x82\xacworld", b"hello\xf0\xa4\xad\xa2world", _KOSME]))
    cats.append(("All prefixes of a valid UTF-8 string that contains multi-byte code points", [_KOSME[:i] for i in range(1, len(_KOSME) + 1)]))
    cats.append(("First possible sequence of a certain length", [b"\x00", b"\xc2\x80", b"\xe0\xa0\x80", b"\xf0\x90\x80\x80"]))
    cats.append(("First possible sequence length 5/6 (invalid codepoints)", [b"\xf8\x88\x80\x80\x80", b"\xfc\x84\x80\x80\x80\x80"]))
    cats.append(("Last possible sequence of a certain length", [b"\x7f", b"\xdf\xbf", b"\xef\xbf\xbf", b"\xf4\x8f\xbf\xbf"]))
    cats.append(("Last possible sequence length 4/5/6 (invalid codepoints)", [b"\xf7\xbf\xbf\xbf", b"\xfb\xbf\xbf\xbf\xbf", b"\xfd\xbf\xbf\xbf\xbf\xbf"]))
    cats.append(("Other boundary conditions", [b"\xed\x9f\xbf", b"\xee\x80\x80", b"\xef\xbf\xbd", b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80"]))
    cats.append(("Unexpected continuation bytes", [b"\x80", b"\xbf", b"\x80\xbf", b"\x80\xbf\x80", b"\x80\xbf\x80\xbf", b"\x80\xbf\x80\xbf\x80",
                                                   b"\x80\xbf\x80\xbf\x80\xbf", bytes(range(0x80, 0xbf))]))
    cats.append(("Lonely start characters", [b"".join(bytes([i, 0x20]) for i in range(a, b))
                                             for a, b in ((0xc0, 0xdf), (0xe0, 0xef), (0xf0, 0xf7), (0xf8, 0xfb), (0xfc, 0xfd))]))
    k = [b"\xc0", b"\xe0\x80", b"\xf0\x80\x80", b"\xf8\x80\x80\x80", b"\xfc\x80\x80\x80\x80",
         b"\xdf", b"\xef\xbf", b"\xf7\xbf\xbf", b"\xfb\xbf\xbf\xbf", b"\xfd\xbf\xbf\xbf\xbf"]
    cats.append(("Sequences with last continuation byte missing", k))
    cats.append(("Concatenation of incomplete sequences", [b"".join(k)]))
    cats.append(("Impossible bytes", [b"\xfe", b"\xff", b"\xfe\xfe\xff\xff"]))
    cats.append(("Examples of an overlong ASCII character", [b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf0\x80\x80\xaf", b"\xf8\x80\x80\x80\xaf", b"\xfc\x80\x80\x80\x80\xaf"]))
    cats.append(("Maximum overlong sequences", [b"\xc1\xbf", b"\xe0\x9f\xbf", b"\xf0\x8f\xbf\xbf", b"\xf8\x87\xbf\xbf\xbf", b"\xfc\x83\xbf\xbf\xbf\xbf"]))
    cats.append(("Overlong representation of the NUL character", [b"\xc0\x80", b"\xe0\x80\x80", b"\xf0\x80\x80\x80", b"\xf8\x80\x80\x80\x80", b"\xfc\x80\x80\x80\x80\x80"]))
    cats.append(("Single UTF-16 surrogates", [b"\xed\xa0\x80", b"\xed\xad\xbf", b"\xed\xae\x80", b"\xed\xaf\xbf", b"\xed\xb0\x80", b"\xed\xbe\x80", b"\xed\xbf\xbf"]))
    hi = [b"\xed\xa0\x80", b"\xed\xad\xbf", b"\xed\xae\x80", b"\xed\xaf\xbf"]
    cats.append(("Paired UTF-16 surrogates", [h + l for h in hi for l in (b"\xed\xb0\x80", b"\xed\xbf\xbf")]))
    nonchars = [b"\xef\xbf\xbe", b"\xef\xbf\xbf"]
    for z1 in (0xf0, 0xf1, 0xf2, 0xf3, 0xf4):
        for z2 in (0x8f, 0x9f, 0xaf, 0xbf):
            if z1 == 0xf4 and z2 != 0x8f:
                continue  # > U+10FFFF
            for z3 in (0xbe, 0xbf):
                zz = bytes([z1, z2, 0xbf, z3])
                if zz not in (b"\xf0\x8f\xbf\xbe", b"\xf0\x8f\xbf\xbf"):  # overlong
                    nonchars.append(zz)
    cats.append(("Non-character code points (valid UTF-8)", nonchars))
    cats.append(("Unicode specials (i.e. replacement char)", [b"\xef\xbf\xb9", b"\xef\xbf\xba", b"\xef\xbf\xbb", b"\xef\xbf\xbc", b"\xef\xbf\xbd", b"\xef\xbf\xbe", b"\xef\xbf\xbf"]))
    return cats


def _utf8_case(payload, valid):
    def fn(s):
        if valid:
            s.expect([M(payload)])
            s.expect_close(**NORMAL_CLOSE)
        else:
            s.expect([])
            s.expect_close(**FAIL_1007)
        s.send_frame(OPC_TEXT, payload)
        s.kill_after(0.5)
    return fn


for _ci, (_cat, _payloads) in enumerate(_utf8_corpus(), start=5):
    for _j, _p in enumerate(_payloads, start=1):
        _valid = utf8_ok(_p)  # strict decoder == Autobahn's validator (complete + valid)
        add("6.%d.%d" % (_ci, _j),
            "%s: send a text message with payload which is %s UTF-8 in one fragment (0x%s)." % (_cat, "valid" if _valid else "not valid", _p.hex()),
            "The message is echo'ed back to us." if _valid else "The connection is failed immediately, since the payload is not valid UTF-8.",
            _utf8_case(_p, _valid))

# ---- 7.x close handling ----------------------------------------------------


def _c7(cid, desc, exp, sends, closed_by_me=True, codes=(1000,), clean=True, info=False, custom=None):
    def fn(s):
        s.suppress_close = True
        s.expect([])
        s.expect_close(closed_by_me, codes, clean)
        for kind, args in sends:
            if kind == "close":
                s.send_close(*args)
            elif kind == "rawclose":
                s.send_frame(OPC_CLOSE, args)
            else:
                s.send_frame(*args)
        s.kill_after(1)
    add(cid, desc, exp, fn, wrong_code_fails=True, info=info, custom=custom)


@case("7.1.1", "Send a message followed by a close frame.", "Echoed message followed by clean close with normal code.", wrong_code_fails=True)
def _c7_1_1(s):
    s.expect([M(b"Hello World!")])
    s.expect_close(**NORMAL_CLOSE)
    s.send_frame(OPC_TEXT, b"Hello World!")
    s.kill_after(1)


_c7("7.1.2", "Send two close frames.", "Clean close with normal code. Second close frame ignored.",
    [("close", (1000,)), ("rawclose", b"")])
_c7("7.1.3", "Send a ping after close message.", "Clean close with normal code, no pong.",
    [("close", (1000,)), ("frame", (OPC_PING, b""))])
_c7("7.1.4", "Send text message after sending a close frame.", "Clean close with normal code. Text message ignored.",
    [("close", (1000,)), ("frame", (OPC_TEXT, b"Hello World!"))])
_c7("7.1.5", "Send message fragment1 followed by close then fragment.", "Clean close with normal code.",
    [("frame", (OPC_TEXT, b"fragment1", False)), ("close", (1000,)), ("frame", (OPC_CONT, b"fragment2", True))])


def _custom_7_1_6(s):
    msgs = [e for e in s.received if e[0] == "message"]
    if any(e[1] == b"Hello World!" for e in msgs):
        return INFORMATIONAL, "Text message was processed before close (%d message(s) echoed)." % len(msgs)
    return INFORMATIONAL, "Close was processed before text message could be returned (%d message(s) echoed)." % len(msgs)


_c7("7.1.6", "Send 256K message followed by close then a ping.",
    "Implementation defined: the close may be processed before the text message write is complete.",
    [("frame", (OPC_TEXT, repeat_to(b"BAsd7&jh23", 256 * 1024))), ("frame", (OPC_TEXT, b"Hello World!")),
     ("close", (1000,)), ("frame", (OPC_PING, b""))], info=True, custom=_custom_7_1_6)
_c7("7.3.1", "Send a close frame with payload length 0 (no close code, no close reason).", "Clean close with normal code.", [("rawclose", b"")])
_c7("7.3.2", "Send a close frame with payload length 1.", "Clean close with protocol error or drop TCP.", [("rawclose", b"a")], codes=(1002,), clean=False)
_c7("7.3.3", "Send a close frame with payload length 2 (regular close with a code).", "Clean close with normal code.", [("close", (1000,))])
_c7("7.3.4", "Send a close frame with close code and close reason.", "Clean close with normal code.", [("close", (1000, b"Hello World!"))])
_c7("7.3.5", "Send a close frame with close code and close reason of maximum length (123).", "Clean close with normal code.", [("close", (1000, b"*" * 123))])
_c7("7.3.6", "Send a close frame with close code and close reason which is too long (124) - total frame payload 126 octets.",
    "Clean close with protocol error code or dropped TCP connection.", [("close", (1000, b"*" * 124))], codes=(1002,), clean=False)
_c7("7.5.1", "Send a close frame with invalid UTF8 payload.", "Clean close with protocol error or invalid utf8 code or dropped TCP.",
    [("close", (1000, _INVALID_63))], codes=(1002, 1007), clean=False)
for _i, _code in enumerate([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999], start=1):
    _c7("7.7.%d" % _i, "Send close with valid close code %d." % _code, "Clean close with normal or echoed code.", [("close", (_code,))], codes=(1000, _code))
for _i, _code in enumerate([0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999], start=1):
    _c7("7.9.%d" % _i, "Send close with invalid close code %d." % _code, "Clean close with protocol error code or drop TCP.",
        [("rawclose", struct.pack("!H", _code))], codes=(1002,), clean=False)


def _custom_7_13(s):
    return INFORMATIONAL, "Actual events are undefined by the spec (server close code: %s)." % s.remote_code


for _i, _code in enumerate([5000, 65535], start=1):
    _c7("7.13.%d" % _i, "Send close with close code %d." % _code, "Actual events are undefined by the spec.",
        [("rawclose", struct.pack("!H", _code))], codes=(1000, _code, 1002), clean=False, info=True, custom=_custom_7_13)

# ---- 9.x limits / performance ----------------------------------------------


def _perf_custom(s):
    return s.perf_behavior, s.perf_result


def _perf_single(binary, n, pattern, fragsize=None, chop=None, waitsecs=100):
    def fn(s):
        s.keep_payloads = False
        s.expect_close(**NORMAL_CLOSE)
        s.perf_behavior, s.perf_result = FAILED, "Did not receive message within %d seconds." % waitsecs
        payload = repeat_to(pattern, n)
        kind = OPC_BINARY if binary else OPC_TEXT
        t0 = time.monotonic()
        if fragsize:
            # Autobahn sendMessage(fragmentSize=...): frames written back to back
            buf, batch = [], 0
            for i in range(0, n, fragsize):
                last = i + fragsize >= n
                buf.append(s.encode(kind if i == 0 else OPC_CONT, payload[i:i + fragsize], fin=last))
                batch += fragsize
                if batch >= (1 << 20) or last:
                    s.write(b"".join(buf))
                    buf, batch = [], 0
                    if not s.is_open():
                        break  # server closed or failed: stop streaming the rest
        else:
            s.send_frame(kind, payload, chop=chop)
        s.t_sent = time.monotonic() - t0
        s.pump(waitsecs, stop=lambda: s.msg_count > 0, scale=False)
        s.rtt = time.monotonic() - t0
        if s.msg_count:
            got, got_bin = s.last_msg
            want = "binary" if binary else "text"
            if got_bin != binary:
                s.perf_result = "Expected %s message with payload, but got %s." % (want, "binary" if got_bin else "text")
            elif len(got) != n:
                s.perf_result = "Expected %s message with payload of length %d, but got %d." % (want, n, len(got))
            elif got != payload:
                s.perf_result = "Received %s message of length %d, but its content differs from what was sent." % (want, n)
            else:
                s.perf_behavior = OK
                s.perf_result = "Received %s message of length %d." % (want, n)
            s.last_msg = None
        if not s.tcp_closed and not s.sent_close:
            s.send_close(1000)
        s.finish()
    return fn


def _perf_rtt(binary, length, count, waitsecs):
    def fn(s):
        s.keep_payloads = False
        s.expect_close(**NORMAL_CLOSE)
        s.perf_behavior, s.perf_result = FAILED, "Case did not finish within %d seconds." % waitsecs
        payload = (b"\xfe" if binary else b"*") * length
        kind = OPC_BINARY if binary else OPC_TEXT
        deadline = time.monotonic() + waitsecs
        t0 = time.monotonic()
        for i in range(count):
            s.send_frame(kind, payload)
            s.pump(max(0.0, deadline - time.monotonic()), stop=lambda: s.msg_count > i or not s.is_open(), scale=False)
            if s.msg_count <= i:
                break
            got, got_bin = s.last_msg
            if got_bin != binary or len(got) != length:
                s.perf_result = ("Echo'ed message type or length differs from what I sent (got binary = %s, payload length = %s)."
                                 % (got_bin, len(got)))
                break
        else:
            s.perf_behavior, s.perf_result = OK, "Ok, received all echo'ed messages in time."
        s.rtt = time.monotonic() - t0
        s.notes.append("%d round trips, mean %.3f ms" % (s.msg_count, 1000.0 * s.rtt / max(1, s.msg_count)))
        if not s.tcp_closed and not s.sent_close:
            s.send_close(1000)
        s.finish()
    return fn


_SIZES = [(1, 64 * 2 ** 10, "64k", 10), (2, 256 * 2 ** 10, "256k", 10), (3, 2 ** 20, "1M", 10),
          (4, 4 * 2 ** 20, "4M", 10), (5, 8 * 2 ** 20, "8M", 100), (6, 16 * 2 ** 20, "16M", 100)]
_TXT_PAT, _BIN_PAT = b"BAsd7&jh23", b"\x00\xfe\x23\xfa\xf0"
for _i, _n, _lbl, _w in _SIZES:
    add("9.1.%d" % _i, "Send text message with payload of length %s (%d octets)." % (_lbl, _n), "Receive echo'ed text message (with payload as sent).",
        _perf_single(False, _n, _TXT_PAT, waitsecs=_w), perf=True, waitsecs=_w, custom=_perf_custom)
for _i, _n, _lbl, _w in _SIZES:
    add("9.2.%d" % _i, "Send binary message with payload of length %s (%d octets)." % (_lbl, _n), "Receive echo'ed binary message (with payload as sent).",
        _perf_single(True, _n, _BIN_PAT, waitsecs=_w), perf=True, waitsecs=_w, custom=_perf_custom)
_FRAGS = [(1, 64, "64"), (2, 256, "256"), (3, 2 ** 10, "1k"), (4, 4 * 2 ** 10, "4k"), (5, 16 * 2 ** 10, "16k"),
          (6, 64 * 2 ** 10, "64k"), (7, 256 * 2 ** 10, "256k"), (8, 2 ** 20, "1M"), (9, 4 * 2 ** 20, "4M")]
for _i, _f, _lbl in _FRAGS:
    add("9.3.%d" % _i, "Send fragmented text message with message payload of length 4M. Sent out in fragments of %s." % _lbl,
        "Receive echo'ed text message (with payload as sent).", _perf_single(False, 4 * 2 ** 20, b"*", fragsize=_f), perf=True, waitsecs=100, custom=_perf_custom)
for _i, _f, _lbl in _FRAGS:
    add("9.4.%d" % _i, "Send fragmented binary message with message payload of length 4M. Sent out in fragments of %s." % _lbl,
        "Receive echo'ed binary message (with payload as sent).", _perf_single(True, 4 * 2 ** 20, b"\xfe", fragsize=_f), perf=True, waitsecs=100, custom=_perf_custom)
for _i, _c in enumerate([64, 128, 256, 512, 1024, 2048], start=1):
    add("9.5.%d" % _i, "Send text message with payload of length 1M. Sent out data in chops of %d octets." % _c,
        "Receive echo'ed text message (with payload as sent).", _perf_single(False, 2 ** 20, _TXT_PAT, chop=_c, waitsecs=1000), perf=True, waitsecs=1000, custom=_perf_custom)
for _i, _c in enumerate([64, 128, 256, 512, 1024, 2048], start=1):
    add("9.6.%d" % _i, "Send binary message with payload of length 1M. Sent out data in chops of %d octets." % _c,
        "Receive echo'ed binary message (with payload as sent).", _perf_single(True, 2 ** 20, _BIN_PAT, chop=_c, waitsecs=1000), perf=True, waitsecs=1000, custom=_perf_custom)
for _grp, _binary in ((7, False), (8, True)):
    for _i, (_len, _count, _w) in enumerate([(0, 1000, 60), (16, 1000, 60), (64, 1000, 60), (256, 1000, 120), (1024, 1000, 240), (4096, 1000, 480)], start=1):
        _mt = "binary" if _binary else "text"
        add("9.%d.%d" % (_grp, _i), "Send %d %s messages of payload size %d to measure implementation/network RTT (round trip time) / latency." % (_count, _mt, _len),
            "Receive echo'ed %s messages (with payload as sent). Timeout case after %d secs." % (_mt, _w),
            _perf_rtt(_binary, _len, _count, _w), perf=True, waitsecs=_w, custom=_perf_custom)

# ---- 10.x misc -------------------------------------------------------------


@case("10.1.1", "Send text message with payload of length 65536 auto-fragmented with autoFragmentSize = 1300.",
      "Receive echo'ed text message (with payload as sent). Clean close with normal code.")
def _c10_1_1(s):
    payload = b"*" * 65536
    s.expect([M(payload)])
    s.expect_close(**NORMAL_CLOSE)
    for opc, fin, p in _fragments(payload, 1300):
        s.send_frame(opc, p, fin=fin)
    s.kill_after(10)


# ---------------------------------------------------------------------------
# grading


def grade(cd: CaseDef, s: Session | None, error: str | None):
    r = {"id": cd.id, "description": cd.desc, "expectation": cd.expectation}
    if s is None or not s.opened:
        r.update(grade=FAILED, behavior=FAILED, behavior_close=FAILED,
                 result="WebSocket opening handshake was never completed: %s" % error,
                 result_close="The WebSocket opening handshake was never completed!")
        return r
    behavior, result = FAILED, "Actual events differ from any expected."
    for k in (OK, NON_STRICT):
        if k in s.expected and s.received == s.expected[k]:
            behavior, result = k, "Actual events match at least one expected."
            break
    ec = s.expected_close
    if ec["closedByMe"] != s.closed_by_me:
        bclose, rclose = FAILED, "The connection was failed by the wrong endpoint"
    elif ec["requireClean"] and not s.was_clean:
        bclose, rclose = UNCLEAN, "The spec requires the connection to be failed cleanly here (%s)" % s.not_clean_reason
    elif s.remote_code is not None and s.remote_code not in ec["closeCode"]:
        bclose, rclose = WRONG_CODE, "The close code should have been %s or empty" % ",".join(map(str, ec["closeCode"]))
    elif s.dropped_by_me:
        bclose, rclose = FAILED_BY_CLIENT, "It is preferred that the server close the TCP connection"
    else:
        bclose, rclose = OK, "Connection was properly closed"
    if ec.get("closedByWrongEndpointIsFatal") and ec["closedByMe"] != s.closed_by_me:
        behavior = FAILED
        result = "The server did not fail the connection (it did not detect the invalid UTF-8)."
    if cd.wrong_code_fails and bclose == WRONG_CODE:
        behavior, result = FAILED, rclose
    if cd.custom is not None:
        behavior, result = cd.custom(s)
        if cd.info:
            bclose = INFORMATIONAL
    if s.violations:
        if cd.info:
            s.notes.extend(s.violations)
        else:
            behavior, result = FAILED, "; ".join(s.violations)
    if error:
        behavior, result = FAILED, "client error: %s" % error

    if behavior == FAILED or bclose in (FAILED, UNCLEAN):
        g = FAILED
    elif cd.info or behavior == INFORMATIONAL:
        g = INFORMATIONAL
    elif behavior == NON_STRICT or bclose in (WRONG_CODE, FAILED_BY_CLIENT):
        g = NON_STRICT
    else:
        g = OK
    duration = getattr(s, "t_end", time.monotonic()) - s.t_open
    r.update(
        grade=g, behavior=behavior, behavior_close=bclose, result=result, result_close=rclose,
        expected={k: [fmt_event(e) for e in v] for k, v in s.expected.items()} if s.keep_payloads else None,
        received=[fmt_event(e) for e in s.received] if s.keep_payloads else None,
        expected_close=ec,
        observed_close={"closedByMe": s.closed_by_me, "wasClean": s.was_clean, "remoteCloseCode": s.remote_code,
                        "remoteCloseReason": s.remote_reason, "droppedByMe": s.dropped_by_me,
                        "wasNotCleanReason": None if s.was_clean else s.not_clean_reason},
        duration_ms=round(1000 * duration, 1),
        frames_sent={"wsproto": s.frames_wsproto, "raw": s.frames_raw},
        notes=s.notes + ([s.write_error] if s.write_error else []) + (["hard case timeout hit"] if s.hard_timeout_hit else []),
    )
    if cd.perf:
        r["rtt_ms"] = round(1000 * getattr(s, "rtt", duration), 1)
        if hasattr(s, "t_sent"):
            r["send_ms"] = round(1000 * s.t_sent, 1)
    if s.keep_payloads:
        r["_expected_text"] = " | ".join("%s=%s" % (k, fmt_events(v)) for k, v in s.expected.items())
        r["_received_text"] = fmt_events(s.received)
    return r


def run_case(cd: CaseDef, url: str, timeout: float, perf_timeout: float, timer_scale: float):
    hard = min(max(timeout, (cd.waitsecs or 0) + 5), perf_timeout) if cd.perf else timeout
    s, err = None, None
    try:
        s = Session(url, hard, timer_scale)
        cd.fn(s)
        if not s.tcp_closed:
            s.finish()
    except HandshakeFailed as e:
        err = str(e)
    except (ConnectionRefusedError, socket.timeout, OSError) as e:
        err = "%s: %s" % (type(e).__name__, e)
        if s is None:
            return grade(cd, None, err)
    except Exception as e:  # client bug: report, don't crash the run
        import traceback
        err = "%s: %s\n%s" % (type(e).__name__, e, traceback.format_exc())
    finally:
        if s is not None and not s.tcp_closed:
            try:
                s.sock.close()
            except OSError:
                pass
    return grade(cd, s, err)


def select_cases(spec: str | None, exclude: str | None):
    def matches(cid, pats):
        for p in pats:
            p = p.strip()
            if not p:
                continue
            if fnmatch.fnmatchcase(cid, p) or cid == p or cid.startswith(p.rstrip(".") + "."):
                return True
        return False

    chosen = sorted(CASES, key=lambda c: c.key)
    if spec:
        chosen = [c for c in chosen if matches(c.id, spec.split(","))]
    if exclude:
        chosen = [c for c in chosen if not matches(c.id, exclude.split(","))]
    return chosen


def main(argv=None):
    ap = argparse.ArgumentParser(description="Autobahn-style WebSocket server conformance client (wsproto based).")
    ap.add_argument("url", nargs="?", help="echo endpoint, e.g. ws://127.0.0.1:8080/ws/echo")
    ap.add_argument("--cases", help="comma separated ids or patterns, e.g. '1.*,5.*,6.4.1' (default: all)")
    ap.add_argument("--exclude", help="comma separated ids or patterns to skip")
    ap.add_argument("--json", help="write per-case results to this JSON file")
    ap.add_argument("--timeout", type=float, default=10.0, help="hard per-case timeout in seconds (default 10)")
    ap.add_argument("--perf-timeout", type=float, default=120.0, help="hard cap for 9.x cases (default 120 s)")
    ap.add_argument("--timer-scale", type=float, default=1.0, help="multiply Autobahn's case timers (e.g. 2 for a slow debug build)")
    ap.add_argument("--strict", action="store_true", help="exit non-zero on NON-STRICT too")
    ap.add_argument("--list", action="store_true", help="list the selected cases and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every case as it finishes")
    args = ap.parse_args(argv)

    cases = select_cases(args.cases, args.exclude)
    if args.list:
        for c in cases:
            print("%-8s %s" % (c.id, c.desc))
        print("%d cases" % len(cases))
        return 0
    if not cases:
        print("no cases selected", file=sys.stderr)
        return 2
    if not args.url:
        ap.error("the url argument is required")

    # pre-flight: is anything listening?
    u = urllib.parse.urlparse(args.url)
    try:
        socket.create_connection((u.hostname, u.port or 80), timeout=3).close()
    except OSError as e:
        print("cannot connect to %s: %s" % (args.url, e), file=sys.stderr)
        return 2

    t_all = time.monotonic()
    results = []
    for c in cases:
        r = run_case(c, args.url, args.timeout, args.perf_timeout, args.timer_scale)
        results.append(r)
        if args.verbose or r["grade"] == FAILED:
            extra = " (%.0f ms)" % r["rtt_ms"] if "rtt_ms" in r else ""
            print("%-8s %-13s %s%s" % (r["id"], r["grade"], r["description"][:80], extra), flush=True)
    total = time.monotonic() - t_all

    # ---- summary ------------------------------------------------------------
    groups = {}
    for r in results:
        g = groups.setdefault(r["id"].split(".")[0], {OK: 0, NON_STRICT: 0, INFORMATIONAL: 0, FAILED: 0})
        g[r["grade"]] += 1
    names = {"1": "Framing", "2": "Pings/Pongs", "3": "Reserved bits", "4": "Opcodes", "5": "Fragmentation",
             "6": "UTF-8 handling", "7": "Close handling", "9": "Limits/Performance", "10": "Misc"}
    print()
    print("%-6s %-20s %6s %11s %6s %7s %6s" % ("Group", "", "OK", "NON-STRICT", "INFO", "FAILED", "Total"))
    tot = {OK: 0, NON_STRICT: 0, INFORMATIONAL: 0, FAILED: 0}
    for k in sorted(groups, key=int):
        g = groups[k]
        for kk in tot:
            tot[kk] += g[kk]
        print("%-6s %-20s %6d %11d %6d %7d %6d" % (k + ".x", names.get(k, ""), g[OK], g[NON_STRICT], g[INFORMATIONAL], g[FAILED], sum(g.values())))
    print("%-6s %-20s %6d %11d %6d %7d %6d" % ("all", "", tot[OK], tot[NON_STRICT], tot[INFORMATIONAL], tot[FAILED], sum(tot.values())))

    perf = [r for r in results if "rtt_ms" in r]
    if perf:
        print("\nTimings (9.x): time from first octet sent until the echo was complete")
        for r in perf:
            print("  %-7s %-13s %9.1f ms  %s" % (r["id"], r["grade"], r["rtt_ms"], r["description"][:70]))

    not_ok = [r for r in results if r["grade"] != OK]
    if not_ok:
        print("\nNon-OK cases:")
        for r in not_ok:
            print("  %s [%s] %s" % (r["id"], r["grade"], r["description"][:100]))
            print("      behaviour: %s - %s" % (r.get("behavior"), r.get("result", "").splitlines()[0] if r.get("result") else ""))
            if r.get("behavior_close"):
                print("      close:     %s - %s" % (r["behavior_close"], r.get("result_close")))
            if r.get("_expected_text") is not None and r.get("behavior") not in (OK, NON_STRICT, INFORMATIONAL):
                print("      expected:  %s" % r["_expected_text"][:300])
                print("      observed:  %s" % r["_received_text"][:300])
            if r.get("expected_close") and r.get("behavior_close") not in (OK, INFORMATIONAL):
                ec, oc = r["expected_close"], r["observed_close"]
                print("      expected close: closedByMe=%s codes=%s requireClean=%s" % (ec["closedByMe"], ec["closeCode"], ec["requireClean"]))
                print("      observed close: closedByMe=%s code=%s clean=%s droppedByMe=%s %s" % (
                    oc["closedByMe"], oc["remoteCloseCode"], oc["wasClean"], oc["droppedByMe"], oc["wasNotCleanReason"] or ""))
            for n in r.get("notes") or []:
                print("      note: %s" % n)
    print("\n%d cases in %.1f s: %d OK, %d NON-STRICT, %d INFORMATIONAL, %d FAILED"
          % (len(results), total, tot[OK], tot[NON_STRICT], tot[INFORMATIONAL], tot[FAILED]))

    if args.json:
        out = {"url": args.url, "total_seconds": round(total, 2), "summary": tot,
               "cases": [{k: v for k, v in r.items() if not k.startswith("_")} for r in results]}
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1, default=str)
    failed = tot[FAILED] + (tot[NON_STRICT] if args.strict else 0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
