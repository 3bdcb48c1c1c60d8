import OrderedCollections

/// The members of a JSON object in insertion order.
///
/// Assigning to an existing key replaces its value in place, as assigning to a Python `dict` does, so a
/// parsed object with duplicate keys keeps the first key's position and the last key's value (as `json.loads`).
///
/// Members live in an `OrderedDictionary`: lookups and inserts hash the key, so building an object from
/// 10^5 keys off the wire costs linear time (a scan of an array per key made it quadratic). Equality and
/// hashing compare the members in order, as they did when the members were an array.
public struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral, RandomAccessCollection {
    /// One member of an object.
    public struct Member: Sendable, Hashable {
        /// The member's key.
        public var key: String
        /// The member's value.
        public var value: JSONValue

        /// Creates a member.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    private var storage: OrderedDictionary<String, JSONValue>

    /// The members in order (a copy; iterate the object itself to avoid it).
    public var members: [Member] { map { $0 } }

    /// An empty object.
    public init() { storage = [:] }

    /// An object with these members in this order; later duplicates replace earlier values.
    public init(_ pairs: [(String, JSONValue)]) {
        storage = [:]
        storage.reserveCapacity(pairs.count)
        for (key, value) in pairs { storage[key] = value }
    }

    /// An object from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }

    /// The value for `key`, or `nil`; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    /// Appends a member; the caller knows `key` is new. A key that is not new replaces the value in place,
    /// as the subscript does, so the object never holds a key twice.
    public mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        storage.updateValue(value, forKey: key)
    }

    /// Reserves room for `count` members.
    public mutating func reserveCapacity(_ count: Int) { storage.reserveCapacity(count) }

    /// The keys in order.
    public var keys: [String] { Array(storage.keys) }

    /// The first index.
    public var startIndex: Int { 0 }
    /// The end index.
    public var endIndex: Int { storage.count }
    /// The member at `position`.
    public subscript(position: Int) -> Member {
        Member(key: storage.keys[position], value: storage.values[position])
    }
}
