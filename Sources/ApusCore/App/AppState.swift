/// A key into ``AppState``: the type itself names the entry and fixes the type of its value.
///
/// ```swift
/// enum DatabaseKey: AppStateKey { typealias Value = Database }
/// app.onStartup { state in state[DatabaseKey.self] = try await Database.connect() }
/// app.get("/items") { request in try await request.state[DatabaseKey.self]!.items() }
/// ```
public protocol AppStateKey: SendableMetatype {
    /// The type of the value stored under this key.
    associatedtype Value: Sendable
}

/// Typed values shared by the whole application (database pools, clients, settings).
///
/// Set them on ``App/state`` before running or in a startup hook; once startup completes the state is frozen and
/// every request starts with a copy (``Request/state``), so reading it takes no lock. Middleware may add
/// per-request values to a request's copy before passing it on, as Starlette's `request.state` allows.
public struct AppState: Sendable {
    private var storage = TypeKeyedValues()

    /// Creates an empty state.
    public init() {}

    /// The value stored under `key`, or `nil`.
    public subscript<Key: AppStateKey>(_ key: Key.Type) -> Key.Value? {
        get { self.storage.value(for: key, as: Key.Value.self) }
        set { self.storage.setValue(newValue, for: key) }
    }
}
