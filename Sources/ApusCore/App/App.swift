public import ServiceLifecycle
import Synchronization

/// An Apus application: routes, routers, middleware, error handlers, state and lifespan hooks; then
/// ``run(configuration:)`` serves it.
///
/// ```swift
/// let app = App()
/// app.get("/items/{item_id}") { request in
///     guard let id = request.pathParameters["item_id"].flatMap(Int.init) else { throw HTTPError(.badRequest) }
///     return Item(id: id, name: "Sample Item")
/// }
/// try await app.run(configuration: ServerConfiguration(port: 8000))
/// ```
///
/// Registration is for setup time (it takes a lock); serving reads an immutable snapshot built once at startup
/// (``build()``), so the request path takes no lock.
public final class App: RouteRegistering {
    /// The router every route registered on the app goes into.
    public let router: Router

    struct Setup: Sendable {
        var middleware: [any Middleware] = []
        var errorHandlers = ErrorHandlers()
        var state = AppState()
        var startupHooks: [@Sendable (inout AppState) async throws -> Void] = []
        var shutdownHooks: [@Sendable (AppState) async throws -> Void] = []
        var services: [any Service] = []
        var extensions: [any AppExtension] = []
        var redirectSlashes: Bool
        var logger: Logger
    }

    let setup: Mutex<Setup>

    /// Creates an app.
    ///
    /// - Parameters:
    ///   - logger: the app's logger (lifespan messages, unhandled errors, ``Request/logger``).
    ///   - redirectSlashes: whether a path that matches no route, but would with its trailing slash added or
    ///     removed, is answered with a 307 to that path (FastAPI's `redirect_slashes`, on by default).
    public init(logger: Logger = Logger(label: "apus"), redirectSlashes: Bool = true) {
        self.router = Router()
        self.setup = Mutex(Setup(redirectSlashes: redirectSlashes, logger: logger))
    }

    public func add(_ route: Route) {
        self.router.add(route)
    }

    /// Adds app middleware: it wraps every request, including those answered 404, 405 or with a redirect. The
    /// first added is the outermost (see ``Middleware``).
    public func use(_ middleware: some Middleware) {
        self.setup.withLock { $0.middleware.append(middleware) }
    }

    /// Includes a router's routes under `prefix`, with `tags` and `metadata` added to them.
    public func include(
        _ router: Router,
        prefix: String = "",
        tags: [String] = [],
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line
    ) {
        self.router.include(router, prefix: prefix, tags: tags, metadata: metadata, file: file, line: line)
    }

    /// Every route, with full paths and combined metadata, in registration order, once each has passed its checks
    /// (``RouteCheck``).
    public func routes() throws(RouteTableError) -> [Route] {
        let routes = try self.router.routes()
        for route in routes {
            try route.check()
        }
        return routes
    }

    /// The routes as served: ``routes()`` after the app's extensions have prepared them (so their documentation
    /// includes what an extension changes, such as the security layer's pre-0.122 status switch). The OpenAPI
    /// document is built from these.
    public func servedRoutes() throws(RouteTableError) -> [Route] {
        var state = self.state
        return try self.prepareRoutes(state: &state).0
    }

    /// Handles errors of type `Failure` (and its subtypes) thrown by handlers, middleware or routing, answering
    /// with the returned response. Handlers are tried in registration order, before an error's own rendering, so
    /// `onError(HTTPError.self)` also changes the 404 and 405 answers, as in Starlette.
    public func onError<Failure: Error>(
        _ type: Failure.Type,
        _ handler: @escaping @Sendable (Failure, Request) async throws -> Response
    ) {
        self.setup.withLock { $0.errorHandlers.add(type, handler) }
    }

    /// Adds a startup hook, run in registration order before the server accepts requests. It may fill the app's
    /// state. A hook that throws stops the app (``run(configuration:)`` throws ``StartupError``).
    public func onStartup(_ hook: @escaping @Sendable (inout AppState) async throws -> Void) {
        self.setup.withLock { $0.startupHooks.append(hook) }
    }

    /// Adds a shutdown hook, run in registration order after the server has drained (as Starlette's
    /// `on_shutdown`). A hook that throws is logged; the others still run.
    public func onShutdown(_ hook: @escaping @Sendable (AppState) async throws -> Void) {
        self.setup.withLock { $0.shutdownHooks.append(hook) }
    }

    /// Attaches a swift-service-lifecycle service, run in the same `ServiceGroup` as the server (started with it,
    /// shut down gracefully after the server has drained).
    public func addService(_ service: some Service) {
        self.setup.withLock { $0.services.append(service) }
    }

    /// The app's state before startup (startup hooks may add to it; it is frozen once they have run).
    public var state: AppState {
        get { self.setup.withLock { $0.state } }
        set { self.setup.withLock { $0.state = newValue } }
    }

    /// Whether unmatched paths are redirected to their trailing-slash twin (see ``init(logger:redirectSlashes:)``).
    public var redirectSlashes: Bool {
        get { self.setup.withLock { $0.redirectSlashes } }
        set { self.setup.withLock { $0.redirectSlashes = newValue } }
    }

    /// The app's logger.
    public var logger: Logger {
        get { self.setup.withLock { $0.logger } }
        set { self.setup.withLock { $0.logger = newValue } }
    }

    /// The attached services.
    package var services: [any Service] {
        self.setup.withLock { $0.services }
    }

    /// Builds the responder the server calls, from the routes and the state as they are now, without running
    /// startup hooks (``run(configuration:)`` and the test client run them first). For custom servers and
    /// benchmarks.
    ///
    /// - Throws: ``RouteTableError`` for a malformed template, a duplicate route or a router cycle.
    public func build() throws(RouteTableError) -> AppResponder {
        try self.build(state: self.state)
    }

    func build(state: AppState) throws(RouteTableError) -> AppResponder {
        var state = state
        let (routes, trie, _) = try self.prepareRoutes(state: &state)
        return self.responder(routes: routes, trie: trie, state: state)
    }

    /// The route table as served: collected, prepared by the app's extensions (which may add to `state`), and
    /// matched by a trie; with the extensions.
    func prepareRoutes(state: inout AppState) throws(RouteTableError) -> ([Route], RouteTrie, [any AppExtension]) {
        var routes = try self.routes()
        let extensions = self.extensions(for: routes)
        for appExtension in extensions {
            try appExtension.prepare(&routes, state: &state)
        }
        return (routes, try RouteTrie(routes: routes), extensions)
    }

    func responder(routes: [Route], trie: RouteTrie, state: AppState) -> AppResponder {
        let setup = self.setup.withLock { $0 }
        var state = state
        state[RouteURLsKey.self] = RouteURLs(routes: routes)
        return AppResponder(
            routes: routes,
            trie: trie,
            middleware: setup.middleware,
            errorHandlers: setup.errorHandlers,
            redirectSlashes: setup.redirectSlashes,
            state: state,
            logger: setup.logger
        )
    }
}
