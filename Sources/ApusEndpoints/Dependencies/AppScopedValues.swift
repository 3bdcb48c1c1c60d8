import ApusCore
import Synchronization

/// The values of app-scoped dependencies: made once (at startup, or on first use), shared by all requests,
/// cleaned up in reverse order at shutdown.
final class AppScopedValues: Sendable {
    private struct State: Sendable {
        /// Each value, or the task making it: once made, every request reads the value under the lock instead of
        /// awaiting the task.
        var values: [ObjectIdentifier: Slot] = [:]
        var cleanups: [DependencyCleanup] = []
    }

    private let state = Mutex(State())

    /// The value of `D`, made with `provider` the first time (concurrent first uses wait for the same making).
    func value<D: Dependency>(_ type: D.Type, provider: DependencyProvider<D>, environment: EndpointEnvironment) async throws -> D {
        let key = ObjectIdentifier(type)
        let slot: Slot = self.state.withLock { state in
            if let slot = state.values[key] { return slot }
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
                        state.values[key] = .made(value)
                    }
                    return value
                } catch {
                    // Let a later use try again rather than fail forever.
                    self.state.withLock { state -> Void in state.values[key] = nil }
                    throw error
                }
            }
            state.values[key] = .making(task)
            return .making(task)
        }
        // The task above only ever makes a `D`, and only it stores under `D`'s identifier.
        let made: any Sendable
        switch slot {
        case .made(let value): made = value
        case .making(let task): made = try await task.value
        }
        guard let value = made as? D else {
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

/// An app-scoped value, or the task making it.
private enum Slot: Sendable {
    case made(any Sendable)
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
