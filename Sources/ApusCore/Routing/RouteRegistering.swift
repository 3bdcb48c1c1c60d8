/// What routes and middleware can be added to: ``App`` and ``Router``. The method-named functions here are the
/// registration API; they all end in ``add(_:)``.
///
/// A handler returns a ``ResponseConvertible`` (``Response`` for full control) or any `Encodable` (sent as JSON,
/// as FastAPI does). `file` and `line` record where the route was registered, so a duplicate route error can point
/// at both registrations.
public protocol RouteRegistering: AnyObject, Sendable {
    /// Adds a route (its path relative to this registrar's prefix).
    func add(_ route: Route)
    /// Adds a middleware around every route of this registrar (see ``Middleware`` for the order).
    func use(_ middleware: some Middleware)
}

extension RouteRegistering {
    /// Adds a middleware written as a closure.
    public func use(_ body: @escaping @Sendable (Request, MiddlewareNext) async throws -> Response) {
        self.use(ClosureMiddleware(body))
    }

    /// Adds a route for `method` whose handler returns a response (or anything ``ResponseConvertible``).
    public func on<Output: ResponseConvertible>(
        _ method: HTTPRequest.Method,
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.add(
            Route(method: method, path: path, metadata: metadata, location: SourceLocation(fileID: file, line: line)) {
                request in try await handler(request).response(for: request)
            }
        )
    }

    /// Adds a route for `method` whose handler returns a value sent as JSON.
    public func on<Output: Encodable & SendableMetatype>(
        _ method: HTTPRequest.Method,
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.add(
            Route(method: method, path: path, metadata: metadata, location: SourceLocation(fileID: file, line: line)) {
                request in try Response.json(try await handler(request), status: metadata.status ?? .ok)
            }
        )
    }

    /// Adds a route for a value that is both `Encodable` and ``ResponseConvertible``: its own response wins.
    public func on<Output: Encodable & ResponseConvertible & SendableMetatype>(
        _ method: HTTPRequest.Method,
        _ path: String,
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line,
        handler: @escaping @Sendable (Request) async throws -> Output
    ) {
        self.add(
            Route(method: method, path: path, metadata: metadata, location: SourceLocation(fileID: file, line: line)) {
                request in try await handler(request).response(for: request)
            }
        )
    }
}
