/// What routes and middleware can be added to: ``App`` and ``Router``.
///
/// Routes are registered per method: `app.get("/items") { request in ... }`, `app.post(...)`, ... and
/// `app.on(method)(...)` for any other method. Each of these is a ``MethodRoutes`` value, called with a path and a
/// handler; every registration ends in ``add(_:)``.
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

    /// Registers routes for `method`: `app.on(HTTPRequest.Method("QUERY")!)("/search") { request in ... }`.
    public func on(_ method: HTTPRequest.Method) -> MethodRoutes {
        MethodRoutes(registrar: self, method: method)
    }

    /// Registers GET routes: `app.get("/items/{item_id}") { request in ... }`.
    public var get: MethodRoutes { self.on(.get) }
    /// Registers POST routes.
    public var post: MethodRoutes { self.on(.post) }
    /// Registers PUT routes.
    public var put: MethodRoutes { self.on(.put) }
    /// Registers PATCH routes.
    public var patch: MethodRoutes { self.on(.patch) }
    /// Registers DELETE routes.
    public var delete: MethodRoutes { self.on(.delete) }
    /// Registers HEAD routes.
    public var head: MethodRoutes { self.on(.head) }
    /// Registers OPTIONS routes.
    public var options: MethodRoutes { self.on(.options) }
}
