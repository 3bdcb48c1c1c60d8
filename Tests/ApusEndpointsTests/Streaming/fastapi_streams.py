"""FastAPI 0.163's Server-Sent Events and JSON Lines, the same streams StreamingTests builds in Apus: each
route called in process through ASGI (no server), its status, stream headers and body printed as JSON (body in
base64), and the routes' documented success responses."""

import asyncio
import base64
import json
from collections.abc import AsyncIterable

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel


class StreamItem(BaseModel):
    name: str
    price: float


app = FastAPI()


@app.get("/sse", response_class=EventSourceResponse)
async def sse() -> AsyncIterable[StreamItem]:
    yield StreamItem(name="a", price=1.0)
    yield StreamItem(name="b", price=2.5)


@app.get("/events", response_class=EventSourceResponse)
async def events() -> AsyncIterable[ServerSentEvent]:
    yield ServerSentEvent(data=StreamItem(name="x", price=1.5), event="upd", id="7", retry=1000, comment="hi\nthere")
    yield ServerSentEvent(raw_data="line1\nline2\r\nline3\rline4\r\r\nend")
    yield ServerSentEvent(data="plain string")
    yield ServerSentEvent(comment="only a comment")
    yield ServerSentEvent(data=StreamItem(name="é ✓ \"q\"", price=0.1), id="")
    yield ServerSentEvent(raw_data="[DONE]")


@app.get("/strings", response_class=EventSourceResponse)
async def strings() -> AsyncIterable[str]:
    yield "plain string"
    yield "two\nlines"


@app.get("/jsonl")
async def jsonl() -> AsyncIterable[StreamItem]:
    yield StreamItem(name="a", price=1.0)
    yield StreamItem(name="b", price=2.5)


async def call(path: str) -> dict:
    scope = {
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver")], "server": ("testserver", 80), "client": ("testclient", 50000),
    }
    answer = {"body": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    await app(scope, receive, send)
    headers = answer["headers"]
    return {
        "status": answer["status"],
        "headers": {name: headers.get(name) for name in ("content-type", "cache-control", "x-accel-buffering")},
        "body": base64.b64encode(answer["body"]).decode(),
    }


async def main() -> None:
    document = app.openapi()
    out = {path: await call(path) for path in ("/sse", "/events", "/strings", "/jsonl")}
    out["responses"] = {path: document["paths"][path]["get"]["responses"]["200"] for path in ("/sse", "/events", "/strings", "/jsonl")}
    out["components"] = document["components"]["schemas"]["StreamItem"]
    print(json.dumps(out))


asyncio.run(main())
