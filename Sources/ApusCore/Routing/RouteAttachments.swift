/// A key into ``RouteAttachments``: typed documentation or behaviour that later layers hang on a route (the
/// parameters an endpoint reads, its documented responses, its dependencies).
///
/// When a route sits in a router that also has a value for the key, the two are combined with
/// ``merge(outer:inner:)``; by default the route's own value wins.
public protocol RouteAttachmentKey: SendableMetatype {
    /// The type of the value stored under this key.
    associatedtype Value: Sendable

    /// Combines a router's value (`outer`) with the value of a route or router inside it (`inner`).
    static func merge(outer: Value, inner: Value) -> Value
}

extension RouteAttachmentKey {
    /// The inner value replaces the outer one.
    public static func merge(outer: Value, inner: Value) -> Value { inner }
}

/// An extensible, typed store on each route and router, for the pieces of an operation that the core does not
/// know about: the OpenAPI parameters and responses an endpoint declares, its dependency list, and so on.
///
/// ```swift
/// enum ExtraResponsesKey: RouteAttachmentKey {
///     typealias Value = [Int: String]
///     static func merge(outer: Value, inner: Value) -> Value { outer.merging(inner) { $1 } }
/// }
/// var metadata = RouteMetadata(summary: "Read an item")
/// metadata.attachments[ExtraResponsesKey.self] = [404: "Item not found"]
/// ```
public struct RouteAttachments: Sendable {
    private var storage = TypeKeyedValues()
    /// How to combine an outer value with an inner one, per key that has a value.
    private var mergers: [ObjectIdentifier: @Sendable (any Sendable, any Sendable) -> any Sendable] = [:]

    /// Creates an empty store.
    public init() {}

    /// The value stored under `key`, or `nil`.
    public subscript<Key: RouteAttachmentKey>(_ key: Key.Type) -> Key.Value? {
        get { self.storage.value(for: key, as: Key.Value.self) }
        set {
            self.storage.setValue(newValue, for: key)
            guard newValue != nil else {
                self.mergers[ObjectIdentifier(key)] = nil
                return
            }
            self.mergers[ObjectIdentifier(key)] = { @Sendable (outer: any Sendable, inner: any Sendable) -> any Sendable in
                // Both arguments were stored by this setter for this key, so both are `Key.Value`.
                guard let outer = outer as? Key.Value, let inner = inner as? Key.Value else { return inner }
                return Key.merge(outer: outer, inner: inner)
            }
        }
    }

    /// Whether nothing is attached.
    public var isEmpty: Bool { self.storage.isEmpty }

    /// These attachments (a router's) combined with `inner` (a route's or a nested router's), key by key.
    func merged(with inner: RouteAttachments) -> RouteAttachments {
        var result = self
        for (key, merge) in inner.mergers {
            guard let innerValue = inner.storage[identifier: key] else { continue }
            if let outerValue = self.storage[identifier: key] {
                result.storage[identifier: key] = merge(outerValue, innerValue)
            } else {
                result.storage[identifier: key] = innerValue
            }
            result.mergers[key] = merge
        }
        return result
    }
}
