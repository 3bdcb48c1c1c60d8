"""FastAPI 0.163's background tasks, the same routes BackgroundTaskTests builds in Apus: each route called in
process through ASGI (no server); printed as JSON, per route, the status, the body and the events in the order
they happened (middleware, a request-scoped yield dependency that adds a task too, the endpoint, the tasks)."""

import asyncio
import json

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Request

app = FastAPI()
events: list[str] = []


@app.middleware("http")
async def record(request: Request, call_next):
    events.append("mw:before")
    response = await call_next(request)
    events.append("mw:after")
    return response


async def resource(tasks: BackgroundTasks):
    events.append("dep:enter")
    tasks.add_task(events.append, "bg:from-dep")
    try:
        yield "resource"
    finally:  # the documented way to clean up on error paths too
        events.append("dep:exit")


@app.get("/ordered")
async def ordered(tasks: BackgroundTasks, _: str = Depends(resource)):
    events.append("endpoint")
    tasks.add_task(events.append, "bg:hello")
    return {"message": "OK"}


async def fail():
    events.append("bg:fails")
    raise RuntimeError("mail server down")


@app.get("/fails")
async def fails(tasks: BackgroundTasks, _: str = Depends(resource)):
    events.append("endpoint")
    tasks.add_task(fail)
    tasks.add_task(events.append, "bg:after-failure")
    return {"message": "OK"}


@app.get("/raises")
async def raises(tasks: BackgroundTasks, _: str = Depends(resource)):
    events.append("endpoint")
    tasks.add_task(events.append, "bg:never")
    raise HTTPException(status_code=404, detail="Item not found")


async def call(path: str) -> dict:
    scope = {
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver")], "server": ("testserver", 80), "client": ("testclient", 50000),
    }
    answer = {"status": 0, "body": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")
            if not message.get("more_body", False):
                events.append("response sent")

    events.clear()
    error = None
    try:
        await app(scope, receive, send)
    except Exception as caught:  # the failing task's error reaches the server, which logs it
        error = type(caught).__name__
    return {"status": answer["status"], "body": answer["body"].decode(), "events": list(events), "error": error}


async def main():
    print(json.dumps({path: await call(path) for path in ["/ordered", "/fails", "/raises"]}, indent=2, sort_keys=True))


asyncio.run(main())
