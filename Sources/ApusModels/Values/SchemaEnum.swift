/// A Swift enum with `String` or `Int` raw values, validated against its cases and documented as an
/// `enum` component (`{"type":"string","enum":["red","green"],"title":"Color"}`).
///
/// ```swift
/// enum Color: String, SchemaEnum { case red, green }
/// ```
/// A value that is no case gives Pydantic's `enum` error: `Input should be 'red' or 'green'`.
public protocol SchemaEnum: SchemaValue, CaseIterable, RawRepresentable where RawValue: SchemaEnumRawValue {
    /// The component name; the type's name by default.
    static var schemaName: String { get }
}

/// The raw value types a ``SchemaEnum`` can have: `String` and `Int`.
public protocol SchemaEnumRawValue: SchemaValue, Hashable {
    /// The JSON Schema `type` of the raw values.
    static var jsonSchemaType: String { get }
    /// The value as Python's `repr` shows it in Pydantic's `expected` list (`'red'`, `1`).
    var pythonRepr: String { get }
    /// The value as JSON.
    var jsonValue: JSONValue { get }
}

extension String: SchemaEnumRawValue {
    /// `string`.
    public static var jsonSchemaType: String { "string" }
    /// `'value'`.
    public var pythonRepr: String { "'\(self)'" }
    /// The string.
    public var jsonValue: JSONValue { .string(self) }
}

extension Int: SchemaEnumRawValue {
    /// `integer`.
    public static var jsonSchemaType: String { "integer" }
    /// The digits.
    public var pythonRepr: String { String(self) }
    /// The integer.
    public var jsonValue: JSONValue { .int(self) }
}

extension SchemaEnum {
    /// The type's name.
    public static var schemaName: String { String(describing: Self.self) }

    /// Pydantic's `expected` text: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
    static var expectedDescription: String {
        let values = allCases.map(\.rawValue.pythonRepr)
        guard values.count > 1 else { return values.first ?? "" }
        return values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1]
    }

    /// Decodes the raw value with its own lax rules (so `"1"` matches an `Int` case, as in Pydantic) and
    /// looks the case up; any failure is reported as `enum` with the original input.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Self? {
        decoder.reader.skipWhitespace()
        let start = decoder.reader.position
        let errorCount = decoder.errors.count
        let isString = decoder.reader.peek() == .string
        if RawValue.self == String.self, !isString {
            try decoder.rejectValue(.enumMismatch(expected: expectedDescription))
            return nil
        }
        if let raw = try RawValue.decode(from: &decoder), let value = Self(rawValue: raw) { return value }
        decoder.errors.removeSubrange(errorCount...)
        decoder.record(.enumMismatch(expected: expectedDescription), inputAt: start)
        return nil
    }

    /// The raw value.
    public func encode(to writer: inout JSONWriter) { rawValue.encode(to: &writer) }

    /// A `$ref` to the enum's component, registering it.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject {
        generator.reference(named: schemaName) { _ in
            [
                "type": .string(RawValue.jsonSchemaType), "enum": .array(allCases.map(\.rawValue.jsonValue)),
                "title": .string(schemaName),
            ]
        }
    }

    /// Enums are components.
    public static var isReferenced: Bool { true }
}
