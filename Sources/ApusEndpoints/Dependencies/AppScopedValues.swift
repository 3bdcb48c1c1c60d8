import ApusCore
import Synchronization

/// The values of app-scoped dependencies: made once (at startup, or on first use), shared by all requests,
/// cleaned up in reverse order at shutdown.
final class AppScopedValues: Sendable {
    private struct State: Sendable {
        var values: [ObjectIdentifier: Task<any Sendable, any Error>] = [:]
        /// The values made, so that every request after the first reads one under the lock instead of awaiting
        /// its task.
        var made: [ObjectIdentifier: any Sendable] = [:]
        var cleanups: [DependencyCleanup] = []
    }

    private let state = Mutex(State())

    /// The value of `D`, made with `provider` the first time (concurrent first uses wait for the same making).
    func value<D: Dependency>(_ type: D.Type, provider: DependencyProvider<D>, environment: EndpointEnvironment) async throws -> D {
        let key = ObjectIdentifier(type)
        let found: Lookup<D> = self.state.withLock { state in
            // Only the task below stores into `made`, always a `D` under `D`'s identifier.
            if let made = state.made[key] as? D { return .made(made) }
            if let task = state.values[key] { return .making(task) }
            let task = Task<any Sendable, any Error> {
                do {
                    var context = ExtractionContext(request: nil, environment: environment)
                    guard let value = try await provider.make(&context) else {
                        throw DependencyResolutionError.invalidInputs(
                            dependency: String(describing: D.self), errors: context.finishErrors())
                    }
                    self.state.withLock { state in
                        if let cleanup = provider.cleanup {
                            state.cleanups.append(
                                DependencyCleanup(scope: .app, name: String(describing: D.self)) { try await cleanup(value) })
                        }
                        state.made[key] = value
                    }
                    return value
                } catch {
                    // Let a later use try again rather than fail forever.
                    self.state.withLock { state -> Void in state.values[key] = nil }
                    throw error
                }
            }
            state.values[key] = task
            return .making(task)
        }
        let task: Task<any Sendable, any Error>
        switch found {
        case .made(let value): return value
        case .making(let making): task = making
        }
        // The task above only ever returns a `D`.
        guard let value = try await task.value as? D else {
            throw DependencyResolutionError.requestUnavailable("app-scoped \(D.self)")
        }
        return value
    }

    /// Runs the cleanups in reverse order of creation and forgets the values.
    func shutdown(logger: Logger) async {
        let cleanups = self.state.withLock { state in
            let cleanups = state.cleanups
            state = State()
            return cleanups
        }
        await cleanups.runInReverse(logger: logger)
    }
}

/// What the lock held for an app-scoped value: the value, or the task making it.
private enum Lookup<D: Sendable>: Sendable {
    case made(D)
    case making(Task<any Sendable, any Error>)
}

/// An app-scoped dependency a route needs, so that startup can make it before the first request.
struct AppScopedDependency: Sendable {
    let name: String
    let create: @Sendable (EndpointEnvironment) async throws -> Void

    init<D: Dependency>(_ type: D.Type, provider: DependencyProvider<D>) {
        self.name = String(describing: D.self)
        self.create = { environment in
            let provider = environment.overrides.provider(for: D.self) ?? provider
            _ = try await environment.appScoped.value(D.self, provider: provider, environment: environment)
        }
    }
}

/// The app-scoped dependencies of a route and its routers' dependency lists.
enum AppScopedDependenciesKey: RouteAttachmentKey {
    typealias Value = [AppScopedDependency]

    static func merge(outer: [AppScopedDependency], inner: [AppScopedDependency]) -> [AppScopedDependency] {
        outer + inner
    }
}
