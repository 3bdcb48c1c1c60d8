/// What a middleware calls to pass a request on: the next middleware, or the route itself.
public typealias MiddlewareNext = @Sendable (Request) async throws -> Response

/// Code that runs around request handling: it sees the request before the route, the response after it, and can
/// answer on its own (short-circuit), change either, or wrap a streamed body without buffering it
/// (`response.body = response.body.map { ... }`).
///
/// Order: app middleware wraps everything, including the 404, 405 and redirect answers (as in Starlette); router
/// middleware wraps only that router's routes, inside the app's. In each list the middleware registered first is
/// the outermost: it sees the request first and the response last. Errors thrown by a handler reach router
/// middleware already rendered as responses (``HTTPError``, ``ResponseError``, registered handlers); an error
/// nothing renders passes up through every middleware and becomes the plain 500 at the top.
public protocol Middleware: Sendable {
    /// Handles one request, calling `next` to continue (or not, to short-circuit).
    func handle(_ request: Request, next: MiddlewareNext) async throws -> Response
}

/// A middleware written as a closure.
public struct ClosureMiddleware: Middleware {
    @usableFromInline
    let body: @Sendable (Request, MiddlewareNext) async throws -> Response

    /// Creates a middleware from a closure that receives the request and the rest of the chain.
    public init(_ body: @escaping @Sendable (Request, MiddlewareNext) async throws -> Response) {
        self.body = body
    }

    @inlinable
    public func handle(_ request: Request, next: MiddlewareNext) async throws -> Response {
        try await self.body(request, next)
    }
}

extension Array where Element == any Middleware {
    /// The chain that runs these middleware, first element outermost, around `endpoint`.
    func wrapping(_ endpoint: @escaping MiddlewareNext) -> MiddlewareNext {
        self.reversed().reduce(endpoint) { next, middleware in
            { request in try await middleware.handle(request, next: next) }
        }
    }
}
