import Synchronization

/// Replacement providers for dependencies, by type: FastAPI's `app.dependency_overrides`, for tests.
///
/// ```swift
/// app.dependencyOverrides[CurrentUser.self] = .value(CurrentUser(name: "alice"))
/// defer { app.dependencyOverrides.removeAll() }
/// ```
///
/// An override replaces the provider wherever the type is used (handlers, other dependencies, dependency lists).
/// It is looked up per request, so it may be set after the app has started.
public final class DependencyOverrides: Sendable {
    private let providers = Mutex<[ObjectIdentifier: any Sendable]>([:])
    /// How many providers there are, kept beside them so that the lookup every dependency makes on every request
    /// costs one atomic load when nothing is overridden (in production, always).
    private let count = Atomic<Int>(0)

    /// No overrides.
    public init() {}

    /// The override for `type`, or `nil`.
    public subscript<D: Dependency>(_ type: D.Type) -> DependencyProvider<D>? {
        get { self.provider(for: type) }
        set {
            self.providers.withLock { providers in
                providers[ObjectIdentifier(type)] = newValue
                self.count.store(providers.count, ordering: .releasing)
            }
        }
    }

    /// Removes every override.
    public func removeAll() {
        self.providers.withLock { providers in
            providers.removeAll()
            self.count.store(0, ordering: .releasing)
        }
    }

    /// Whether nothing is overridden.
    public var isEmpty: Bool { self.count.load(ordering: .acquiring) == 0 }

    func provider<D: Dependency>(for type: D.Type) -> DependencyProvider<D>? {
        guard !self.isEmpty else { return nil }
        // Only the subscript's setter stores values, always a `DependencyProvider<D>` under `D`'s identifier.
        return self.providers.withLock { $0[ObjectIdentifier(type)] } as? DependencyProvider<D>
    }
}
