extension Array: SchemaValue where Element: SchemaValue {
    /// The type of `minItems`/`maxItems`.
    public typealias ItemCountConstraint = Int
    /// The type of `uniqueItems`.
    public typealias UniqueItemsConstraint = Bool

    /// A JSON array whose elements are each decoded (errors at `[..., index]`); `list_type` otherwise.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> [Element]? {
        switch decoder.reader.peek() {
        case .array:
            return try CollectionDecoding.decodeElements(from: &decoder, into: []) { $0.append($1) }
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.listType)
            return nil
        }
    }

    /// A JSON array.
    public func encode(to writer: inout JSONWriter) {
        writer.writeByte(UInt8(ascii: "["))
        for index in indices {
            if index > startIndex { writer.writeByte(UInt8(ascii: ",")) }
            self[index].encode(to: &writer)
        }
        writer.writeByte(UInt8(ascii: "]"))
    }

    /// `{"type":"array","items":...}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["type": "array", "items": .object(Element.jsonSchema(in: &generator))]
    }

    /// `minItems`, `maxItems` (Pydantic's `too_short`/`too_long` with `field_type` `List`) and `uniqueItems`.
    public static func constraintChecks(for spec: FieldSpec<[Element]>) -> [ConstraintCheck<[Element]>] {
        var checks = CollectionDecoding.countChecks(kind: "List", minimum: spec.minItems, maximum: spec.maxItems) { (value: [Element]) in
            value.count
        }
        if spec.uniqueItems == true {
            checks.append { value in CollectionDecoding.hasUniqueEncodings(value) ? nil : .uniqueItems }
        }
        return checks
    }

    /// `maxItems`, `minItems`, `uniqueItems`.
    public static func addConstraints(of spec: FieldSpec<[Element]>, to schema: inout JSONObject) {
        if let maximum = spec.maxItems { schema["maxItems"] = .int(maximum) }
        if let minimum = spec.minItems { schema["minItems"] = .int(minimum) }
        if spec.uniqueItems == true { schema["uniqueItems"] = true }
    }
}

extension Set: SchemaValue where Element: SchemaValue {
    /// The type of `minItems`/`maxItems`.
    public typealias ItemCountConstraint = Int

    /// A JSON array; repeated elements collapse, as Python's `set` does; `set_type` for other values.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Set<Element>? {
        switch decoder.reader.peek() {
        case .array:
            return try CollectionDecoding.decodeElements(from: &decoder, into: []) { $0.insert($1) }
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.setType)
            return nil
        }
    }

    /// A JSON array, in the set's iteration order (Swift sets have no insertion order, unlike Python's).
    public func encode(to writer: inout JSONWriter) {
        writer.writeByte(UInt8(ascii: "["))
        var first = true
        for element in self {
            if !first { writer.writeByte(UInt8(ascii: ",")) }
            first = false
            element.encode(to: &writer)
        }
        writer.writeByte(UInt8(ascii: "]"))
    }

    /// `{"type":"array","uniqueItems":true,"items":...}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["type": "array", "uniqueItems": true, "items": .object(Element.jsonSchema(in: &generator))]
    }

    /// `minItems`, `maxItems` with `field_type` `Set`.
    public static func constraintChecks(for spec: FieldSpec<Set<Element>>) -> [ConstraintCheck<Set<Element>>] {
        CollectionDecoding.countChecks(kind: "Set", minimum: spec.minItems, maximum: spec.maxItems) { (value: Set<Element>) in value.count }
    }

    /// `maxItems`, `minItems`.
    public static func addConstraints(of spec: FieldSpec<Set<Element>>, to schema: inout JSONObject) {
        if let maximum = spec.maxItems { schema["maxItems"] = .int(maximum) }
        if let minimum = spec.minItems { schema["minItems"] = .int(minimum) }
    }
}

/// A dictionary key type: `String`, or `Int` (Pydantic's `dict[int, V]`, whose keys are parsed from the JSON
/// object's key strings with the lax integer rules; a bad key is reported at `[..., key, "[key]"]`).
public protocol SchemaDictionaryKey: Hashable, Sendable {
    /// The key from a JSON object key, or the failure.
    static func parseKey(_ key: String) -> Result<Self, ValidationFailure>
    /// The key as a JSON object key.
    var keyText: String { get }
}

extension String: SchemaDictionaryKey {
    /// The key itself.
    public static func parseKey(_ key: String) -> Result<String, ValidationFailure> { .success(key) }
    /// The key itself.
    public var keyText: String { self }
}

extension Int: SchemaDictionaryKey {
    /// The key parsed with the lax integer rules.
    public static func parseKey(_ key: String) -> Result<Int, ValidationFailure> {
        switch LaxNumberParsing.integer(Substring(key), as: Int.self) {
        case .value(let value): .success(value)
        case .outOfRange(let negative): .failure(IntegerDecoding.rangeFailure(Int.self, negative: negative))
        case .invalid: .failure(.intParsing)
        }
    }
    /// The decimal digits.
    public var keyText: String { String(self) }
}

extension Dictionary: SchemaValue where Key: SchemaDictionaryKey, Value: SchemaValue {
    /// The type of `minItems`/`maxItems`.
    public typealias ItemCountConstraint = Int

    /// A JSON object whose keys and values are each decoded (errors at `[..., key]`, key errors at
    /// `[..., key, "[key]"]`); `dict_type` otherwise. A repeated key keeps its last value, as in the `dict`
    /// `json.loads` builds.
    ///
    /// Inlinable so that a model's `[String: Int]` field gets a decoder specialised for its key and value types:
    /// the generic one spent about half its time in metadata lookups and value-witness calls. The members are
    /// collected in an array and the dictionary is built once, at the size they need: inserting them one by one
    /// grew the table by doubling and rehashed every key at each step, 40% of the time for 16 MiB of distinct
    /// keys (~900k). Together, at load ~5 on 2 cores: 1 MiB 70 → 10-20 ms, 16 MiB 1,085 → 350-384 ms.
    @inlinable
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> [Key: Value]? {
        switch decoder.reader.peek() {
        case .object:
            if try decoder.reader.beginObject() { return [:] }
            var members: [(Key, Value)] = []
            var failed = false
            repeat {
                let keyText = try decoder.reader.readKey()
                decoder.location.append(.key(keyText))
                var key: Key?
                switch Key.parseKey(keyText) {
                case .success(let parsed): key = parsed
                case .failure(let failure):
                    decoder.location.append(.key("[key]"))
                    decoder.record(failure, input: .string(keyText))
                    decoder.location.removeLast()
                    failed = true
                }
                if let value = try Value.decode(from: &decoder), let key {
                    if !failed { members.append((key, value)) }
                } else {
                    failed = true
                }
                decoder.location.removeLast()
            } while try decoder.reader.nextMember(closing: UInt8(ascii: "}"))
            return failed ? nil : Dictionary(members, uniquingKeysWith: { _, last in last })
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.dictType)
            return nil
        }
    }

    /// A JSON object, in the dictionary's iteration order (Swift dictionaries are unordered).
    public func encode(to writer: inout JSONWriter) {
        writer.writeByte(UInt8(ascii: "{"))
        var first = true
        for (key, value) in self {
            if !first { writer.writeByte(UInt8(ascii: ",")) }
            first = false
            writer.writeString(key.keyText)
            writer.writeByte(UInt8(ascii: ":"))
            value.encode(to: &writer)
        }
        writer.writeByte(UInt8(ascii: "}"))
    }

    /// `{"type":"object","additionalProperties":...}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        ["type": "object", "additionalProperties": .object(Value.jsonSchema(in: &generator))]
    }

    /// `minItems`, `maxItems` with `field_type` `Dictionary`.
    public static func constraintChecks(for spec: FieldSpec<[Key: Value]>) -> [ConstraintCheck<[Key: Value]>] {
        CollectionDecoding.countChecks(kind: "Dictionary", minimum: spec.minItems, maximum: spec.maxItems) { (value: [Key: Value]) in
            value.count
        }
    }

    /// `maxProperties`, `minProperties`.
    public static func addConstraints(of spec: FieldSpec<[Key: Value]>, to schema: inout JSONObject) {
        if let maximum = spec.maxItems { schema["maxProperties"] = .int(maximum) }
        if let minimum = spec.minItems { schema["minProperties"] = .int(minimum) }
    }
}

/// Element loops and count checks shared by arrays, sets and dictionaries.
enum CollectionDecoding {
    static func decodeElements<Element: SchemaValue, Result>(
        from decoder: inout ValidatingDecoder, into initial: Result, _ add: (inout Result, Element) -> Void
    ) throws(JSONSyntaxError) -> Result? {
        var result = initial
        if try decoder.reader.beginArray() { return result }
        var failed = false
        var index = 0
        decoder.location.append(.index(0))
        repeat {
            decoder.location[decoder.location.count - 1] = .index(index)
            if let element = try Element.decode(from: &decoder) {
                if !failed { add(&result, element) }
            } else {
                failed = true
            }
            index += 1
        } while try decoder.reader.nextMember(closing: UInt8(ascii: "]"))
        decoder.location.removeLast()
        return failed ? nil : result
    }

    static func countChecks<C>(kind: String, minimum: Int?, maximum: Int?, count: @escaping @Sendable (C) -> Int) -> [ConstraintCheck<C>] {
        var checks: [ConstraintCheck<C>] = []
        if let minimum {
            checks.append { value in
                let actual = count(value)
                return actual >= minimum ? nil : .tooShort(kind: kind, minLength: minimum, actualLength: actual)
            }
        }
        if let maximum {
            checks.append { value in
                let actual = count(value)
                return actual <= maximum ? nil : .tooLong(kind: kind, maxLength: maximum, actualLength: actual)
            }
        }
        return checks
    }

    /// Compares elements by their JSON encoding, so any ``SchemaValue`` works without `Hashable`.
    static func hasUniqueEncodings<Element: SchemaValue>(_ elements: [Element]) -> Bool {
        var seen = Set<[UInt8]>()
        for element in elements {
            var writer = JSONWriter(capacity: 16)
            element.encode(to: &writer)
            if !seen.insert(writer.bytes).inserted { return false }
        }
        return true
    }
}
