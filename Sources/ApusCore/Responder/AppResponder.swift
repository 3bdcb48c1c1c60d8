/// What the server calls for every request: an immutable snapshot of the app, built once at startup.
///
/// Per request it builds a ``Request``, runs the app middleware around routing, and turns errors into responses:
/// registered handlers and ``ResponseError``s (``HTTPError`` included) render themselves; anything else is logged
/// and answered with FastAPI's plain 500 (`text/plain; charset=utf-8`, "Internal Server Error"), and the
/// connection stays usable.
public struct AppResponder: HTTPResponder {
    /// Every route, as collected at build time.
    public let routes: [Route]
    /// The app's state, frozen at startup; each request starts from a copy.
    public let state: AppState
    let logger: Logger
    let errorHandlers: ErrorHandlers
    let chain: MiddlewareNext

    init(
        routes: [Route],
        trie: RouteTrie,
        middleware: [any Middleware],
        errorHandlers: ErrorHandlers,
        redirectSlashes: Bool,
        state: AppState,
        logger: Logger
    ) {
        self.routes = routes
        self.state = state
        self.logger = logger
        self.errorHandlers = errorHandlers
        let dispatcher = RouteDispatcher(
            routes: routes,
            trie: trie,
            errorHandlers: errorHandlers,
            redirectSlashes: redirectSlashes
        )
        self.chain = middleware.wrapping { request in try await dispatcher.dispatch(request) }
    }

    public func respond(to request: HTTPServerRequest) async throws -> Response {
        var request = Request(request, state: self.state, logger: self.logger)
        request.errorHandlers = self.errorHandlers
        do {
            return try await self.chain(request)
        } catch {
            return await request.response(forUnhandled: error)
        }
    }
}

extension Request {
    /// The answer the app gives when `error` reaches the top of the app middleware: the app's error handlers are
    /// tried once more (a middleware's ``HTTPError`` deserves its own response), then the error's own rendering;
    /// anything else is logged and becomes FastAPI's plain 500 (`text/plain; charset=utf-8`, "Internal Server
    /// Error").
    ///
    /// The app calls this for every error its middleware let through. A middleware that must decorate even that
    /// answer (CORS headers on a 500, so browsers let the page read it) catches the error and calls this itself:
    /// the response is the one the app would have sent.
    public func response(forUnhandled error: any Error) async -> Response {
        do {
            return try await self.errorHandlers.response(for: error, request: self)
        } catch {
            self.logger.error(
                "Unhandled error while answering request",
                metadata: [
                    "error": "\(String(reflecting: error))",
                    "method": "\(self.method.rawValue)",
                    "path": "\(self.rawPath)",
                ]
            )
            return .text("Internal Server Error", status: .internalServerError)
        }
    }
}
