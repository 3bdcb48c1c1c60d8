/// A check a route must pass once its full path and combined metadata are known, when the app collects its route
/// table (``App/routes()``, startup; a ``Router``'s own ``Router/routes()`` does not check, its paths may lack
/// the prefixes of the routers around it): what a registration function could not know yet, such as the path parameters
/// of the routers' prefixes. A failing check is a ``RouteTableError`` naming the route and where it was registered.
public struct RouteCheck: Sendable {
    /// What is wrong with `route`, or `nil`.
    public let problem: @Sendable (_ route: Route) -> String?

    /// A check from a closure that returns what is wrong, or `nil`.
    public init(_ problem: @escaping @Sendable (_ route: Route) -> String?) {
        self.problem = problem
    }

    /// A check that always fails with `message`: for what registration found wrong but cannot throw.
    public static func failing(_ message: String) -> RouteCheck {
        RouteCheck { _ in message }
    }

    /// The registration of a handler whose return type has no response (see ``Response/rendering(of:)``).
    public static func unsupportedReturnType(_ type: Any.Type) -> RouteCheck {
        .failing(
            "the handler returns \(type), which is not ResponseConvertible, Encodable or a schema value: it cannot become a response"
        )
    }
}

/// The checks of a route and of the routers around it.
public enum RouteChecksKey: RouteAttachmentKey {
    public typealias Value = [RouteCheck]

    public static func merge(outer: [RouteCheck], inner: [RouteCheck]) -> [RouteCheck] {
        outer + inner
    }
}

extension RouteAttachments {
    /// Adds a check the route must pass when the route table is collected.
    public mutating func addCheck(_ check: RouteCheck) {
        self[RouteChecksKey.self] = (self[RouteChecksKey.self] ?? []) + [check]
    }
}

extension Route {
    /// Runs the route's checks.
    func check() throws(RouteTableError) {
        for check in self.metadata.attachments[RouteChecksKey.self] ?? [] {
            if let problem = check.problem(self) {
                throw RouteTableError(message: "\(self.method) \(self.path) (registered at \(self.location)): \(problem)")
            }
        }
    }
}
