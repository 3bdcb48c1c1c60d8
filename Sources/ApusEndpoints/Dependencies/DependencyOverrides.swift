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

    /// No overrides.
    public init() {}

    /// The override for `type`, or `nil`.
    public subscript<D: Dependency>(_ type: D.Type) -> DependencyProvider<D>? {
        get { self.provider(for: type) }
        set { self.providers.withLock { $0[ObjectIdentifier(type)] = newValue } }
    }

    /// Removes every override.
    public func removeAll() {
        self.providers.withLock { $0.removeAll() }
    }

    /// Whether nothing is overridden.
    public var isEmpty: Bool { self.providers.withLock { $0.isEmpty } }

    func provider<D: Dependency>(for type: D.Type) -> DependencyProvider<D>? {
        // Only the subscript's setter stores values, always a `DependencyProvider<D>` under `D`'s identifier.
        self.providers.withLock { $0[ObjectIdentifier(type)] } as? DependencyProvider<D>
    }
}
