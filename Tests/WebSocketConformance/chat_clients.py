"""Two real clients in the example's chat room: Python's `websockets` library and a page in headless Chromium
(its own `WebSocket`, from the example's /static/ page), both in /ws/chat/{room}. Each sends a message; each must receive both, in the order the
server relayed them; both negotiate permessage-deflate and read a long, compressed message back. Then a SIGTERM with the Python client still connected: the server closes it with 1001
("going away") and the process exits 0.

Usage: python chat_clients.py --port P --pid PID [--chromium chromium]
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import sys
import time

import websockets

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "OpenAPI"))
from swagger_ui_check import headless_chromium  # noqa: E402  (the one Chromium driver of the browser checks)

# The page's client: joins the room, reports what it receives in `window.received`, sends once asked.
JOIN = """
window.received = [];
window.chat = new WebSocket("ws://127.0.0.1:%d/ws/chat/%s");
window.chat.onmessage = (event) => window.received.push(event.data);
new Promise((resolve, reject) => {
  window.chat.onopen = () => resolve("open");
  window.chat.onerror = () => reject("error");
});
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, what, timeout=10):
    deadline = time.time() + timeout
    while not predicate():
        if time.time() > deadline:
            raise TimeoutError(what)
        time.sleep(0.05)


async def chat(port, chromium):
    room = "lobby"
    url = f"ws://127.0.0.1:{port}/ws/chat/{room}"
    with headless_chromium(chromium, free_port()) as tools:
        page = f"http://127.0.0.1:{port}/static/"
        tools.call("Page.navigate", url=page)
        wait_for(lambda: tools.evaluate("document.readyState + ' ' + location.href") == f"complete {page}",
                 "the example's page did not load")
        opened = tools.evaluate(JOIN % (port, room))
        if opened != "open":
            raise RuntimeError(f"Chromium could not open the socket: {opened}")
        async with websockets.connect(url) as python_client:
            await python_client.send("hello from python")
            first = await asyncio.wait_for(python_client.recv(), 5)
            tools.evaluate('window.chat.send("hello from chromium"); "sent"')
            second = await asyncio.wait_for(python_client.recv(), 5)
            wait_for(lambda: json.loads(tools.evaluate("JSON.stringify(window.received)")) == [first, second],
                     "Chromium did not receive both messages")
            browser_received = json.loads(tools.evaluate("JSON.stringify(window.received)"))
            print(f"python received {[first, second]}; chromium received {browser_received}")
            if [first, second] != ["hello from python", "hello from chromium"]:
                raise AssertionError(f"python client received {[first, second]}")
            # Both clients offer permessage-deflate and the example accepts it (uvicorn's default); a message of
            # 256 bytes or more is relayed compressed, and both must read it back intact.
            negotiated = [python_client.response.headers.get("Sec-WebSocket-Extensions", ""),
                          tools.evaluate("window.chat.extensions")]
            print(f"negotiated extensions: python {negotiated[0]!r}, chromium {negotiated[1]!r}")
            if not all(value.startswith("permessage-deflate") for value in negotiated):
                raise AssertionError(f"permessage-deflate was not negotiated: {negotiated}")
            long_message = "compressible " * 200
            await python_client.send(long_message)
            if await asyncio.wait_for(python_client.recv(), 5) != long_message:
                raise AssertionError("the long message came back changed")
            wait_for(lambda: json.loads(tools.evaluate("JSON.stringify(window.received)"))[-1:] == [long_message],
                     "Chromium did not receive the long (compressed) message")
            tools.evaluate("window.chat.close(1000); 'closed'")


async def shutdown_close(port, pid):
    """A client stays connected while the server gets SIGTERM: it must see a close frame with 1001."""
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws/echo") as client:
        await client.send("still here")
        assert await asyncio.wait_for(client.recv(), 5) == "still here"
        os.kill(pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(client.recv(), 10)
            raise AssertionError("the server sent a message instead of closing")
        except websockets.ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            reason = closed.rcvd.reason if closed.rcvd else None
            print(f"on SIGTERM the server closed the socket with {code} {reason!r}")
            if code != 1001:
                raise AssertionError(f"expected close code 1001, got {code}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    arguments = parser.parse_args()
    asyncio.run(chat(arguments.port, arguments.chromium))
    print("chat: Python's websockets client and Chromium talked in /ws/chat/lobby")
    asyncio.run(shutdown_close(arguments.port, arguments.pid))
    return 0


if __name__ == "__main__":
    sys.exit(main())
