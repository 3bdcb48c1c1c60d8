public import ApusCore
import Synchronization

/// Resolves dependencies outside HTTP (a script, a scheduled job, a CLI command), with an explicit scope: values
/// are cached in this resolver as in one request, and ``close()`` runs every cleanup (function-, request- and
/// app-scoped) in reverse order of creation.
///
/// ```swift
/// let resolver = DependencyResolver(app: app)      // the app's overrides apply
/// let database = try await resolver.resolve(Database.self)
/// try await database.purgeExpiredSessions()
/// await resolver.close()
/// ```
///
/// Dependencies that read the request (headers, query values, the body) cannot be resolved here; they throw
/// ``DependencyResolutionError/requestUnavailable(_:)``. Invalid inputs throw
/// ``DependencyResolutionError/invalidInputs(dependency:errors:)``.
public final class DependencyResolver: Sendable {
    private let environment: EndpointEnvironment
    private let state = Mutex(DependencyState())
    private let logger: Logger

    /// A resolver with its own app-scoped values and the given overrides.
    public init(overrides: DependencyOverrides = DependencyOverrides(), logger: Logger = Logger(label: "apus.dependencies")) {
        self.environment = EndpointEnvironment(overrides: overrides)
        self.logger = logger
    }

    /// A resolver that uses `app`'s dependency overrides and logger (its app-scoped values are its own, since the
    /// app may not be running).
    public convenience init(app: App) {
        self.init(overrides: app.dependencyOverrides, logger: app.logger)
    }

    /// The value of dependency `type`, made (with its sub-dependencies) or taken from this resolver's cache.
    public func resolve<D: Dependency>(_ type: D.Type = D.self, cached: Bool = true) async throws -> D {
        let before = self.state.withLock { $0 }
        var context = ExtractionContext(request: nil, environment: self.environment, dependencies: before)
        let value: D?
        do {
            value = try await context.resolve(D.self, provider: D.provider, cached: cached)
        } catch {
            self.keep(context.dependencies, madeAfter: before)
            throw error
        }
        self.keep(context.dependencies, madeAfter: before)
        guard let value else {
            throw DependencyResolutionError.invalidInputs(dependency: String(describing: D.self), errors: context.finishErrors())
        }
        return value
    }

    /// Runs every pending cleanup, newest first, then the app-scoped values' cleanups; the resolver is empty
    /// afterwards (and may be used again).
    public func close() async {
        let cleanups = self.state.withLock { state in
            let cleanups = state.cleanups
            state = DependencyState()
            return cleanups
        }
        await cleanups.runInReverse(logger: self.logger)
        await self.environment.appScoped.shutdown(logger: self.logger)
    }

    /// Adds what a resolution made to the resolver's state (resolutions may overlap; each keeps its own).
    private func keep(_ after: DependencyState, madeAfter before: DependencyState) {
        self.state.withLock { state in
            for (key, value) in after.cache.entries where state.cache[key] == nil {
                state.cache[key] = value
            }
            state.cleanups.append(contentsOf: after.cleanups.dropFirst(before.cleanups.count))
        }
    }
}
