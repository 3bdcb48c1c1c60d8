import ApusCore
import Synchronization

/// Per-app state of typed endpoints, kept in the app's ``AppState`` so every request finds it: dependency
/// overrides, app-scoped values, app-level dependencies and settings.
final class EndpointEnvironment: Sendable {
    struct Settings: Sendable {
        var strictContentType = true
        var dependencies: [DependencyRequirement] = []
    }

    let overrides: DependencyOverrides
    let appScoped = AppScopedValues()
    let settings = Mutex(Settings())

    init(overrides: DependencyOverrides = DependencyOverrides()) {
        self.overrides = overrides
    }

    /// For requests of an app that never set up typed endpoints' state (only routers were registered): no
    /// overrides, strict content types, and app-scoped values shared by such apps in this process.
    static let detached = EndpointEnvironment()
}

/// Where an app keeps its ``EndpointEnvironment``.
enum EndpointEnvironmentKey: AppStateKey {
    typealias Value = EndpointEnvironment
}

/// Breaks the cycle app → startup hook → app.
final class WeakAppReference: Sendable {
    weak let app: App?

    init(_ app: App) {
        self.app = app
    }
}
