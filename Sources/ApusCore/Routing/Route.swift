/// What answers a request once its route is found.
public typealias RouteHandler = @Sendable (Request) async throws -> Response

/// One route: a method, a path template, what answers it and what it says about itself.
///
/// ``App/routes`` lists every route with its full path (router prefixes applied), its metadata combined with its
/// routers', and the router middleware around it, in registration order. This is the list the OpenAPI document is
/// built from.
public struct Route: Sendable {
    /// The method this route answers.
    public var method: HTTPRequest.Method
    /// The path template, e.g. `/items/{item_id}` or `/files/{file_path:path}`.
    public var path: String
    /// Names, documentation and attachments.
    public var metadata: RouteMetadata
    /// The handler, without middleware.
    public var handler: RouteHandler
    /// The router middleware around the handler, outermost first (empty for a route as registered).
    public var middleware: [any Middleware]
    /// Where the route was registered.
    public var location: SourceLocation

    /// Creates a route.
    public init(
        method: HTTPRequest.Method,
        path: String,
        metadata: RouteMetadata = RouteMetadata(),
        middleware: [any Middleware] = [],
        location: SourceLocation,
        handler: @escaping RouteHandler
    ) {
        self.method = method
        self.path = path
        self.metadata = metadata
        self.handler = handler
        self.middleware = middleware
        self.location = location
    }

    /// The names of the path parameters, in template order.
    public var parameterNames: [String] {
        (try? PathTemplate(self.path))?.parameterNames ?? []
    }
}
