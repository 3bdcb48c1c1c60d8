import Synchronization

/// A group of routes with a path prefix, tags and other metadata, and middleware of its own; routers nest
/// (``include(_:prefix:tags:metadata:file:line:)``) and are included in an ``App`` the same way. This is how
/// `/api/v1` and `/api/v2` are built.
///
/// ```swift
/// let items = Router(prefix: "/items", tags: ["items"])
/// items.get("/{item_id}") { request in ... }
/// let v1 = Router(prefix: "/api/v1")
/// v1.include(items)        // GET /api/v1/items/{item_id}, tagged "items"
/// app.include(v1)
/// ```
///
/// Inclusion keeps a reference: routes added to a router after it was included still appear, because the route
/// table is collected when the app is built. Prefixes concatenate (a prefix starts with `/` and does not end with
/// one); metadata combines as ``RouteMetadata/merged(with:)`` describes; a router's middleware wraps its own routes
/// and those of the routers inside it, inside the middleware of the routers (and app) around it.
public final class Router: RouteRegistering {
    /// The prefix before every path in this router.
    public let prefix: String
    /// Metadata every route of this router starts from (its tags, deprecation, attachments...).
    public let metadata: RouteMetadata

    private enum Entry: Sendable {
        case route(Route)
        case router(Router, prefix: String, metadata: RouteMetadata, location: SourceLocation)
    }

    private struct Contents: Sendable {
        var entries: [Entry] = []
        var middleware: [any Middleware] = []
    }

    private let contents = Mutex(Contents())

    /// Creates a router.
    ///
    /// - Parameters:
    ///   - prefix: prepended to every route's path; starts with `/` and does not end with one (or is empty).
    ///   - tags: tags added to every route.
    ///   - metadata: further defaults for every route (deprecated, excluded from the schema, attachments).
    public init(prefix: String = "", tags: [String] = [], metadata: RouteMetadata = RouteMetadata()) {
        self.prefix = prefix
        var metadata = metadata
        metadata.tags = tags + metadata.tags.filter { !tags.contains($0) }
        self.metadata = metadata
    }

    public func add(_ route: Route) {
        self.contents.withLock { $0.entries.append(.route(route)) }
    }

    public func use(_ middleware: some Middleware) {
        self.contents.withLock { $0.middleware.append(middleware) }
    }

    /// Includes another router's routes under `prefix` (after this router's own prefix), with `tags` and
    /// `metadata` added to them, as FastAPI's `include_router`.
    public func include(
        _ router: Router,
        prefix: String = "",
        tags: [String] = [],
        metadata: RouteMetadata = RouteMetadata(),
        file: String = #fileID,
        line: Int = #line
    ) {
        var metadata = metadata
        metadata.tags = tags + metadata.tags.filter { !tags.contains($0) }
        let location = SourceLocation(fileID: file, line: line)
        self.contents.withLock { $0.entries.append(.router(router, prefix: prefix, metadata: metadata, location: location)) }
    }

    /// Every route of this router and the routers inside it, with full paths, combined metadata and the router
    /// middleware around each, in registration order.
    public func routes() throws(RouteTableError) -> [Route] {
        var visiting: Set<ObjectIdentifier> = []
        return try self.collectRoutes(prefix: "", metadata: RouteMetadata(), middleware: [], visiting: &visiting)
    }

    private func collectRoutes(
        prefix: String,
        metadata: RouteMetadata,
        middleware: [any Middleware],
        visiting: inout Set<ObjectIdentifier>
    ) throws(RouteTableError) -> [Route] {
        try Self.checkPrefix(self.prefix)
        guard visiting.insert(ObjectIdentifier(self)).inserted else {
            throw RouteTableError(message: "Router with prefix \"\(self.prefix)\" is included inside itself")
        }
        defer { visiting.remove(ObjectIdentifier(self)) }

        let contents = self.contents.withLock { $0 }
        let prefix = prefix + self.prefix
        let metadata = metadata.merged(with: self.metadata)
        let middleware = middleware + contents.middleware
        var routes: [Route] = []
        for entry in contents.entries {
            switch entry {
            case .route(var route):
                route.path = prefix + route.path
                route.metadata = metadata.merged(with: route.metadata)
                route.middleware = middleware + route.middleware
                routes.append(route)
            case .router(let router, let includePrefix, let includeMetadata, let location):
                do {
                    try Self.checkPrefix(includePrefix)
                } catch {
                    throw RouteTableError(message: "\(error.message) (included at \(location))")
                }
                routes += try router.collectRoutes(
                    prefix: prefix + includePrefix,
                    metadata: metadata.merged(with: includeMetadata),
                    middleware: middleware,
                    visiting: &visiting
                )
            }
        }
        return routes
    }

    private static func checkPrefix(_ prefix: String) throws(RouteTableError) {
        guard prefix.isEmpty || (prefix.hasPrefix("/") && !prefix.hasSuffix("/")) else {
            throw RouteTableError(message: "Router prefix \"\(prefix)\" must start with \"/\" and not end with \"/\"")
        }
    }
}
