/// Values stored under a type, so that each key fixes the type of its value at compile time. The shared storage
/// behind ``AppState`` and ``RouteAttachments``.
struct TypeKeyedValues: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    init() {}

    func value<Value: Sendable>(for key: Any.Type, as _: Value.Type) -> Value? {
        // `setValue` only ever stores a `Value` under its key's identifier, so the cast cannot fail for a value
        // that is present.
        self.values[ObjectIdentifier(key)] as? Value
    }

    mutating func setValue<Value: Sendable>(_ value: Value?, for key: Any.Type) {
        self.values[ObjectIdentifier(key)] = value
    }

    /// The untyped value under a key's identifier (for combining stores key by key).
    subscript(identifier identifier: ObjectIdentifier) -> (any Sendable)? {
        get { self.values[identifier] }
        set { self.values[identifier] = newValue }
    }

    var isEmpty: Bool { self.values.isEmpty }
}
