#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// The session of one request, read and written by handlers through ``ApusCore/Request/session`` and saved by
/// ``Sessions`` in a signed cookie once the response is ready (Starlette's `request.session`).
///
/// ```swift
/// app.post("/login") { request in
///     request.session?["user"] = "alice"
///     try request.session?.set(Preferences(theme: "dark"), forKey: "preferences")
///     return "ok"
/// }
/// app.get("/me") { request in request.session?["user"] ?? "anonymous" }
/// ```
///
/// Values are strings; ``set(_:forKey:)`` and ``get(_:forKey:)`` store any `Codable` value as its JSON text. Reading
/// marks the session accessed (the response then varies on `Cookie`); writing marks it modified (the cookie is
/// then sent again, or deleted once the session is empty).
public final class Session: Sendable {
    struct State: Sendable {
        var values: [String: String]
        var accessed = false
        var modified = false
    }

    private let state: Mutex<State>

    init(values: [String: String]) {
        self.state = Mutex(State(values: values))
    }

    /// The value stored under `key`.
    public subscript(key: String) -> String? {
        get {
            self.state.withLock { state in
                state.accessed = true
                return state.values[key]
            }
        }
        set {
            self.state.withLock { state in
                state.accessed = true
                state.modified = true
                state.values[key] = newValue
            }
        }
    }

    /// Every key and value.
    public var values: [String: String] {
        self.state.withLock { state in
            state.accessed = true
            return state.values
        }
    }

    /// Whether the session holds nothing.
    public var isEmpty: Bool { self.values.isEmpty }

    /// Removes every value (the cookie is then deleted).
    public func clear() {
        self.state.withLock { state in
            state.accessed = true
            state.modified = true
            state.values.removeAll()
        }
    }

    /// The `Decodable` value stored as JSON under `key`; `nil` when there is none.
    public func get<Value: Decodable>(_ type: Value.Type, forKey key: String) throws -> Value? {
        guard let text = self[key] else { return nil }
        return try SessionJSON.decoder.decode(Value.self, from: Data(text.utf8))
    }

    /// Stores `value` as JSON under `key`.
    public func set(_ value: some Encodable, forKey key: String) throws {
        self[key] = String(decoding: try SessionJSON.encoder.encode(value), as: UTF8.self)
    }

    /// The values, and whether they were read and changed.
    var snapshot: State {
        self.state.withLock { $0 }
    }
}
