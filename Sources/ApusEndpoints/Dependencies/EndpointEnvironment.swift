public import ApusCore
import Synchronization

/// Typed endpoints' state in one app (an ``AppExtension``, so the app makes it once and never shares it):
/// dependency overrides, app-scoped values, the app's dependency list and settings.
///
/// When the app builds its route table, ``prepare(_:state:)`` makes each typed endpoint's handler for this app
/// (with the app's dependency list before the route's), guards plain routes that have a dependency list, and
/// notes the app-scoped dependencies that startup makes.
final class EndpointEnvironment: AppExtension {
    struct Settings: Sendable {
        var strictContentType = true
        var dependencies: [DependencyRequirement] = []
        /// What the last route table build found the routes need at startup.
        var appScopedNeeded: [AppScopedDependency] = []
    }

    let overrides: DependencyOverrides
    let appScoped = AppScopedValues()
    let settings = Mutex(Settings())

    init(overrides: DependencyOverrides) {
        self.overrides = overrides
    }

    convenience init() {
        self.init(overrides: DependencyOverrides())
    }

    func prepare(_ routes: inout [Route], state: inout AppState) throws(RouteTableError) {
        let appLevel = self.settings.withLock { $0.dependencies }
        var plan = EndpointPlan()
        for requirement in appLevel {
            requirement.register(&plan)
        }
        if let problem = plan.registrationErrors.first {
            throw RouteTableError(message: "The app's dependency list: \(problem)")
        }
        var needed = plan.appScopedDependencies
        for index in routes.indices {
            var route = routes[index]
            var requirements = route.metadata.attachments[DependencyRequirementsKey.self] ?? []
            if route.metadata.attachments[SkipsAppDependenciesKey.self] != true {
                requirements = appLevel + requirements
            }
            needed += route.metadata.attachments[AppScopedDependenciesKey.self] ?? []
            if let endpoint = route.metadata.attachments[TypedEndpointKey.self] {
                route.handler = endpoint.makeHandler(self, requirements)
            } else if !requirements.isEmpty {
                route.handler = self.guarded(route.handler, requirements)
            }
            routes[index] = route
        }
        self.settings.withLock { $0.appScopedNeeded = needed }
    }

    func startup(_ state: inout AppState, logger: Logger) async throws {
        for dependency in self.settings.withLock({ $0.appScopedNeeded }) {
            try await dependency.create(self)
        }
    }

    func shutdown(_ state: AppState, logger: Logger) async {
        await self.appScoped.shutdown(logger: logger)
    }

    /// A plain route's handler behind its dependency lists (FastAPI runs them for every route, whatever its
    /// handler takes).
    private func guarded(_ handler: @escaping RouteHandler, _ requirements: [DependencyRequirement]) -> RouteHandler {
        let runner = EndpointRunner(plan: EndpointPlan(), environment: self, requirements: requirements)
        return { request in
            try await runner.run(request) { context in
                try context.throwValidationErrors()
                return try await handler(request)
            }
        }
    }
}

/// Marks a route the app's dependency list does not guard: the OpenAPI document and the docs pages, which
/// FastAPI serves outside its dependencies too. A router's or the route's own dependencies still run.
public enum SkipsAppDependenciesKey: RouteAttachmentKey {
    public typealias Value = Bool
}
