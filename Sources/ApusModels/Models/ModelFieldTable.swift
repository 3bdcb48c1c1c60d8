import Foundation

/// The wire-level description of a model's fields: names, aliases, required-ness, and the model options.
/// `@Schema` generates one as a `static let`; hand-written models build one the same way.
public struct ModelFieldTable: Sendable {
    /// One field.
    public struct Field: Sendable {
        /// The Swift property name (what ``EncodingOptions`` include/exclude match).
        public let name: String
        /// The explicit wire name, overriding the naming strategy.
        public let alias: String?
        /// Whether absence is a `missing` error (no default and not optional).
        public let isRequired: Bool
        /// The key on the wire: the alias, or the name under the model's naming strategy.
        public private(set) var wireName: String
        /// The Swift name, when populate-by-name accepts it as well and it differs from the wire name.
        public private(set) var alternateName: String?
        @usableFromInline private(set) var wireKey: [UInt8]
        @usableFromInline private(set) var alternateKey: [UInt8]?
        /// `"wireName":` with JSON escaping, written before the value.
        @usableFromInline private(set) var encodedKey: [UInt8]

        /// A field; `alias` overrides the model's naming strategy.
        public init(name: String, alias: String? = nil, isRequired: Bool) {
            self.name = name
            self.alias = alias
            self.isRequired = isRequired
            self.wireName = alias ?? name
            self.wireKey = []
            self.encodedKey = []
        }

        mutating func resolve(naming: NamingStrategy, acceptsPropertyNames: Bool) {
            wireName = alias ?? naming.wireName(for: name)
            alternateName = acceptsPropertyNames && name != wireName ? name : nil
            wireKey = Array(wireName.utf8)
            alternateKey = alternateName.map { Array($0.utf8) }
            var writer = JSONWriter(capacity: wireName.utf8.count + 3)
            writer.writeString(wireName)
            writer.writeByte(UInt8(ascii: ":"))
            encodedKey = writer.bytes
        }
    }

    /// The fields in declaration order (which is also the order of errors and of encoded keys).
    public let fields: [Field]
    /// What happens to unknown keys.
    public let extraKeys: ExtraKeys
    /// Whether the Swift name is accepted besides the wire name (Pydantic's `populate_by_name`).
    public let acceptsPropertyNames: Bool

    /// A table; wire names come from each field's alias or from `naming`.
    public init(_ fields: [Field], naming: NamingStrategy = .asWritten, extraKeys: ExtraKeys = .ignore, acceptsPropertyNames: Bool = false)
    {
        precondition(fields.count <= 128, "a model can have at most 128 fields")
        self.fields = fields.map { field in
            var field = field
            field.resolve(naming: naming, acceptsPropertyNames: acceptsPropertyNames)
            return field
        }
        self.extraKeys = extraKeys
        self.acceptsPropertyNames = acceptsPropertyNames
    }

    /// The index of the field whose wire (or accepted Swift) name is `key`, trying `hint` first because keys
    /// usually arrive in declaration order.
    @usableFromInline
    func index(ofKey key: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        if hint < fields.count, Self.equal(fields[hint].wireKey, key) { return hint }
        for index in fields.indices where Self.equal(fields[index].wireKey, key) { return index }
        if acceptsPropertyNames {
            for index in fields.indices {
                if let alternate = fields[index].alternateKey, Self.equal(alternate, key) { return index }
            }
        }
        return nil
    }

    @usableFromInline
    static func equal(_ bytes: [UInt8], _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == key.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let lhs = buffer.baseAddress, let rhs = key.baseAddress else { return buffer.count == 0 }
            return memcmp(lhs, rhs, buffer.count) == 0
        }
    }
}
