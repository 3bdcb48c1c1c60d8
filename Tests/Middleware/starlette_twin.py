"""The Starlette side of the middleware proofs: Starlette's own CORS, GZip, TrustedHost and HTTPSRedirect
middlewares, configured as Sources/MiddlewareTwinServer/main.swift configures Apus's, in front of the same routes.
The first path segment picks the configuration; in each list the first middleware is the outermost.

Run: python -m uvicorn starlette_twin:app --port 8012
"""

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

ORIGINS = ["https://a.com"]
CONFIGURATIONS = {
    "cors": [(CORSMiddleware, dict(allow_origins=ORIGINS, allow_methods=["GET", "POST"], allow_headers=["X-Custom"],
                                   allow_credentials=True, expose_headers=["X-Exp"], max_age=100))],
    "cors-default": [(CORSMiddleware, {})],
    "cors-all": [(CORSMiddleware, dict(allow_origins=["*"], allow_methods=["*"], allow_headers=["*"]))],
    "cors-all-cred": [(CORSMiddleware, dict(allow_origins=["*"], allow_methods=["*"], allow_headers=["*"],
                                            allow_credentials=True))],
    "cors-regex": [(CORSMiddleware, dict(allow_origin_regex=r"https://.*\.example\.org"))],
    "cors-pn": [(CORSMiddleware, dict(allow_origins=ORIGINS, allow_private_network=True))],
    "cors-browser": [(CORSMiddleware, dict(allow_origin_regex="http://localhost:[0-9]+", allow_credentials=True))],
    "gzip": [(GZipMiddleware, {})],
    "host": [(TrustedHostMiddleware, dict(allowed_hosts=["example.com", "*.example.org", "www.example.net"]))],
    "host-nowww": [(TrustedHostMiddleware, dict(allowed_hosts=["www.example.net"], www_redirect=False))],
    "https": [(HTTPSRedirectMiddleware, {})],
    "stack": [(CORSMiddleware, dict(allow_origins=["*"])), (TrustedHostMiddleware, dict(allowed_hosts=["good.com"])),
              (GZipMiddleware, {})],
}

SMALL = "small body"
BIG = "Apus and Starlette compress this text the same way. " * 40
CHUNK = 64 * 1024
PERIOD = bytes(i % 251 for i in range(CHUNK + 251))


def ok(request):
    return PlainTextResponse("ok", headers={"x-exp": "1"})


async def posted(request):
    return PlainTextResponse("posted")


async def stream(request):
    async def chunks():
        for index in range(5):
            yield f"chunk {index} " + BIG
    return StreamingResponse(chunks(), media_type="text/plain; charset=utf-8")


async def stream_small(request):
    async def chunks():
        yield SMALL
    return StreamingResponse(chunks(), media_type="text/plain; charset=utf-8")


async def boom(request):
    raise RuntimeError("boom")


async def big_stream(request):
    size = int(request.query_params.get("size", 100 * 1024 * 1024))

    async def chunks():
        offset = 0
        while offset < size:
            length = min(CHUNK, size - offset)
            yield PERIOD[offset % 251: offset % 251 + length]
            offset += length
    return StreamingResponse(chunks(), media_type="application/octet-stream")


ROUTES = [
    Route("/{configuration}/r", ok, methods=["GET"]),
    Route("/{configuration}/r", posted, methods=["POST"]),
    Route("/{configuration}/small", lambda r: PlainTextResponse(SMALL)),
    Route("/{configuration}/big", lambda r: PlainTextResponse(BIG)),
    Route("/{configuration}/png", lambda r: Response(BIG, media_type="image/png")),
    Route("/{configuration}/grpc", lambda r: Response(BIG, media_type="application/grpc+proto")),
    Route("/{configuration}/encoded", lambda r: PlainTextResponse(BIG, headers={"content-encoding": "identity"})),
    Route("/{configuration}/vary", lambda r: PlainTextResponse(BIG, headers={"vary": "X-Tenant"})),
    Route("/{configuration}/partial", lambda r: PlainTextResponse(BIG, status_code=206)),
    Route("/{configuration}/stream", stream),
    Route("/{configuration}/stream-small", stream_small),
    Route("/{configuration}/boom", boom),
    Route("/{configuration}/big-stream", big_stream),
    Route("/page", lambda r: HTMLResponse("<!doctype html><title>CORS 500</title><p>cors check</p>")),
]

# One real Starlette app per configuration, so that its ServerErrorMiddleware (the plain 500) sits outside the
# user middleware, as in every Starlette and FastAPI app.
APPS = {name: Starlette(routes=ROUTES, middleware=[Middleware(cls, **options) for cls, options in middleware])
        for name, middleware in CONFIGURATIONS.items()}
PLAIN = Starlette(routes=ROUTES)


async def app(scope, receive, send):
    """Picks the app by the first path segment, as ConfigurationDispatch does in the Swift twin."""
    if scope["type"] == "lifespan":
        await PLAIN(scope, receive, send)
        return
    segment = scope["path"].lstrip("/").split("/", 1)[0]
    await APPS.get(segment, PLAIN)(scope, receive, send)
