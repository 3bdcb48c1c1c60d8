import Synchronization
public import ApusCore

extension App {
    /// The app's typed-endpoint state (made by the app once, see ``AppExtension``).
    var endpointEnvironment: EndpointEnvironment {
        self.appExtension(EndpointEnvironment.self)
    }

    /// Replacement providers for dependencies, by type (FastAPI's `app.dependency_overrides`), for tests. They
    /// apply to every route of the app, including those in routers.
    public var dependencyOverrides: DependencyOverrides {
        self.endpointEnvironment.overrides
    }

    /// Whether a body without a `content-type` is left unparsed (FastAPI's `strict_content_type`, on by default:
    /// a CSRF guard, since browsers can send such bodies cross-origin without a preflight). Off: parsed as JSON.
    public var strictContentType: Bool {
        get { self.endpointEnvironment.settings.withLock { $0.strictContentType } }
        set { self.endpointEnvironment.settings.withLock { $0.strictContentType = newValue } }
    }

    /// Adds dependencies every route of the app runs first, for their effect (FastAPI's
    /// `FastAPI(dependencies=[...])`): authentication checks and the like. They guard plain routes too, but not
    /// the OpenAPI document and docs pages (``SkipsAppDependenciesKey``).
    public func addDependencies(_ requirements: DependencyRequirement...) {
        self.endpointEnvironment.settings.withLock { $0.dependencies += requirements }
    }

    /// The documentation the app-level dependencies contribute to every operation (their parameters and security
    /// come before each route's own).
    public var dependencyDocumentation: OperationDocumentation {
        var plan = EndpointPlan()
        for requirement in self.endpointEnvironment.settings.withLock({ $0.dependencies }) {
            requirement.register(&plan)
        }
        return plan.documentation
    }
}

extension Router {
    /// A router whose routes all run `dependencies` first (FastAPI's `APIRouter(dependencies=[...])`), plain
    /// routes included.
    public convenience init(
        prefix: String = "", tags: [String] = [], dependencies: [DependencyRequirement], metadata: RouteMetadata = RouteMetadata()
    ) {
        var metadata = metadata
        metadata.addDependencies(dependencies)
        self.init(prefix: prefix, tags: tags, metadata: metadata)
    }
}
