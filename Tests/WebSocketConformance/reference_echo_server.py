#!/usr/bin/env python3
"""Reference echo server for validating conformance.py.

Uses the `websockets` library (asyncio implementation).  Every text/binary
message is sent back unchanged; messages up to 16 MiB are accepted; no
keepalive pings (they would show up as unexpected events) and no
compression (the client offers none anyway).

    python reference_echo_server.py [--host 127.0.0.1] [--port 9001]

Endpoint: ws://HOST:PORT/ws/echo  (other paths are rejected with 404).

websockets caps the number of fragments per message (WEBSOCKETS_MAX_FRAGMENTS,
default 4096) and fails longer messages with 1009 "too many fragments".  That
makes Autobahn 9.3.1/9.3.2/9.4.1/9.4.2 (4 MiB sent as 64/256-octet fragments,
i.e. 65536/16384 frames) fail, so this server raises the cap to 65536 unless
--max-fragments (or the environment variable) says otherwise.

Results of conformance.py against this server (websockets 17.4, wsproto 1.3.2):
301 cases, about 17-20 s; 287-288 OK, 9-10 NON-STRICT, 3 INFORMATIONAL, 1 FAILED.
  * 7.1.5 FAILED: websockets answers a close frame that arrives in the middle
    of a fragmented message with 1002 "incomplete fragmented message";
    Autobahn expects a clean close with 1000.  A real deviation.
  * 6.4.1-6.4.4 NON-STRICT: no fail-fast UTF-8 (websockets decodes text only
    when the application reads the complete message), so it fails with 1007
    after the last fragment, not after the invalid one.
  * 3.2, 4.1.4, 4.2.4, 5.15 (and, depending on timing, 4.1.3, 4.2.3)
    NON-STRICT: the frames arrive in one TCP write; the protocol parser
    rejects the bad frame and closes with 1002 before the echo coroutine has
    sent the echo of the preceding good message.  Autobahn allows this.
  * 7.1.6, 7.13.1, 7.13.2 INFORMATIONAL (undefined by the spec); websockets
    answers 5000/65535 with 1002.
"""

import argparse
import asyncio
import http
import os
import sys

MAX_SIZE = 16 * 2 ** 20


def _early_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=9001)
    ap.add_argument("--max-fragments", type=int, default=None,
                    help="fragments per message (default 65536; websockets' own default is 4096)")
    return ap.parse_args()


ARGS = _early_args()
# must be set before websockets is imported (read at import time)
if ARGS.max_fragments is not None:
    os.environ["WEBSOCKETS_MAX_FRAGMENTS"] = str(ARGS.max_fragments)
else:
    os.environ.setdefault("WEBSOCKETS_MAX_FRAGMENTS", "65536")

from websockets.asyncio.server import serve  # noqa: E402


async def echo(ws):
    async for message in ws:
        await ws.send(message)


def only_echo_path(connection, request):
    if request.path != "/ws/echo":
        return connection.respond(http.HTTPStatus.NOT_FOUND, "not found\n")
    return None


async def main(host, port):
    async with serve(echo, host, port, max_size=MAX_SIZE, ping_interval=None,
                     compression=None, process_request=only_echo_path) as server:
        print("listening on ws://%s:%d/ws/echo (max_size %d, max fragments %s)"
              % (host, port, MAX_SIZE, os.environ["WEBSOCKETS_MAX_FRAGMENTS"]), flush=True)
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main(ARGS.host, ARGS.port))
    except KeyboardInterrupt:
        sys.exit(0)
