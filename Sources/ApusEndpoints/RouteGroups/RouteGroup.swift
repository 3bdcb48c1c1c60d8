public import ApusCore

/// A type whose methods are routes: what `@Routes` makes of a type with `@GET`, `@POST`... methods. Include it in
/// an ``App`` or a ``Router`` with `include(_:prefix:tags:)`.
///
/// The conformance can be written by hand too: ``registerRoutes(in:)`` adds the routes with the typed-endpoint
/// registration functions (`registrar.get(...)`), which is all the macros generate.
public protocol RouteGroup: Sendable {
    /// The prefix, tags and dependencies every route of the group gets (`@Routes(prefix:tags:dependencies:)`).
    static var routeGroupOptions: RouteGroupOptions { get }

    /// Adds the group's routes to `registrar` (paths relative to the group's prefix).
    func registerRoutes(in registrar: some RouteRegistering)
}

extension RouteGroup {
    /// No prefix, tags or dependencies.
    public static var routeGroupOptions: RouteGroupOptions { RouteGroupOptions() }
}

/// What `@Routes(prefix:tags:dependencies:)` applies to every route of a ``RouteGroup``.
public struct RouteGroupOptions: Sendable {
    /// Prepended to every route's path; starts with `/` and does not end with one (or is empty).
    public var prefix: String
    /// Tags added to every route.
    public var tags: [String]
    /// Dependencies every route runs first, for their effect.
    public var dependencies: [DependencyRequirement]

    /// Creates options.
    public init(prefix: String = "", tags: [String] = [], dependencies: [DependencyRequirement] = []) {
        self.prefix = prefix
        self.tags = tags
        self.dependencies = dependencies
    }

    /// A router carrying these options, for the group's routes.
    func makeRouter() -> Router {
        self.dependencies.isEmpty
            ? Router(prefix: self.prefix, tags: self.tags)
            : Router(prefix: self.prefix, tags: self.tags, dependencies: self.dependencies)
    }
}

extension App {
    /// Includes a ``RouteGroup``'s routes (a `@Routes` type) under `prefix`, with `tags` added to them.
    public func include(
        _ group: some RouteGroup, prefix: String = "", tags: [String] = [], file: String = #fileID, line: Int = #line
    ) {
        self.router.include(group, prefix: prefix, tags: tags, file: file, line: line)
    }
}

extension Router {
    /// Includes a ``RouteGroup``'s routes (a `@Routes` type) under `prefix`, with `tags` added to them.
    public func include(
        _ group: some RouteGroup, prefix: String = "", tags: [String] = [], file: String = #fileID, line: Int = #line
    ) {
        let router = type(of: group).routeGroupOptions.makeRouter()
        group.registerRoutes(in: router)
        self.include(router, prefix: prefix, tags: tags, file: file, line: line)
    }
}
