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
        let request = Request(request, state: self.state, logger: self.logger)
        do {
            return try await self.chain(request)
        } catch {
            // Errors app middleware threw, or that nothing inside rendered: try the handlers once more (a
            // middleware's HTTPError deserves its own response), then the plain 500.
            do {
                return try await self.errorHandlers.response(for: error, request: request)
            } catch {
                request.logger.error(
                    "Unhandled error while answering request",
                    metadata: [
                        "error": "\(String(reflecting: error))",
                        "method": "\(request.method.rawValue)",
                        "path": "\(request.rawPath)",
                    ]
                )
                return .text("Internal Server Error", status: .internalServerError)
            }
        }
    }
}
