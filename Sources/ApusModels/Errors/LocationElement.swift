/// One step of an error's `loc`: a field or key name, or an array index (or a character offset for
/// `json_invalid`).
public enum LocationElement: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// A source (`"body"`, `"query"`), a field's wire name, a dictionary key, or `"[key]"`.
    case key(String)
    /// An array index.
    case index(Int)

    /// A key.
    public init(stringLiteral value: String) { self = .key(value) }
    /// An index.
    public init(integerLiteral value: Int) { self = .index(value) }

    /// The element as it appears in the `loc` array.
    public var jsonValue: JSONValue {
        switch self {
        case .key(let key): .string(key)
        case .index(let index): .int(index)
        }
    }
}
